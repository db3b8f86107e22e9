#!/usr/bin/env bash
# Every test, in order from fast to slow. Called by `make test` (after install,
# spaCy build and training) and by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
export RASA_TELEMETRY_ENABLED=false TF_CPP_MIN_LOG_LEVEL=3 SQLALCHEMY_SILENCE_UBER_WARNING=1

step() { printf '\n==> %s\n' "$*"; }

step "system packages for the browser and multi-server tests"
scripts/install-system.sh

step "lint (ruff)"
.venv/bin/ruff check .

step "knowledge file"
.venv/bin/python -m assistant.knowledge

step "rasa data validate (warnings fail)"
scripts/validate.sh

step "conversation tests (rasa test, any wrong prediction fails)"
rm -rf results/stories
mkdir -p results
set +e
.venv/bin/python -m server.rasa_cli test core --model models/autoimmune-pain.tar.gz --stories tests/stories \
  --fail-on-prediction-errors --out results/stories --no-plot >results/stories.log 2>&1
status=$?
set -e
grep -v "Processed\|it/s\|Warning\|warn" results/stories.log | tail -n 15
if [ "$status" -ne 0 ] || grep -q "story:" results/stories/failed_test_stories.yml 2>/dev/null; then
  echo "conversation tests FAILED (exit $status):"; cat results/stories/failed_test_stories.yml 2>/dev/null || true; exit 1
fi
echo "conversation tests passed"

step "pytest: unit, NLU bar, end to end"
set +e
.venv/bin/python -m pytest tests
status=$?
set -e
if [ "$status" -eq 5 ]; then echo "pytest collected no tests: that is a failure here"; exit 1; fi
exit "$status"
