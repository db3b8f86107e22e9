#!/usr/bin/env bash
# rasa data validate on the training data; any warning fails.
set -euo pipefail
cd "$(dirname "$0")/.."
export RASA_TELEMETRY_ENABLED=false TF_CPP_MIN_LOG_LEVEL=3 SQLALCHEMY_SILENCE_UBER_WARNING=1
.venv/bin/rasa data validate --fail-on-warnings --data data --domain domain.yml --config config.yml
