#!/usr/bin/env bash
# rasa data validate on the training data; any warning about our data fails (libraries' deprecation notices are hidden: server/quiet.py).
set -euo pipefail
cd "$(dirname "$0")/.."
export RASA_TELEMETRY_ENABLED=false TF_CPP_MIN_LOG_LEVEL=3 SQLALCHEMY_SILENCE_UBER_WARNING=1
.venv/bin/python -m server.rasa_cli data validate --fail-on-warnings --data data --domain domain.yml --config config.yml
