#!/usr/bin/env bash
# Start the action server and the Rasa server (REST + socket.io) on localhost.
# Ctrl-C stops both. Called by `make run` after install, spaCy build and training.
set -euo pipefail
cd "$(dirname "$0")/.."
umask 077   # conversations, keys and logs under var/ readable by this user only (0700 / 0600)

RASA_HOST="${RASA_HOST:-127.0.0.1}"
export RASA_PORT="${RASA_PORT:-5005}"
ACTION_PORT="${ACTION_SERVER_PORT:-5055}"
MODEL="${MODEL:-models/autoimmune-pain.tar.gz}"
ENDPOINTS="${ENDPOINTS:-endpoints.yml}"
export RASA_TELEMETRY_ENABLED=false TF_CPP_MIN_LOG_LEVEL=3 SQLALCHEMY_SILENCE_UBER_WARNING=1
export TF_INTER_OP_PARALLELISM_THREADS="${TF_INTER_OP_PARALLELISM_THREADS:-1}"
export TF_INTRA_OP_PARALLELISM_THREADS="${TF_INTRA_OP_PARALLELISM_THREADS:-1}"

mkdir -p var   # the SQLite conversation store (endpoints.yml)
[ -f "$MODEL" ] || { echo "error: no trained model at $MODEL (run: make train)" >&2; exit 1; }
# A shared conversation store (deploy/endpoints.production.yml) must answer before Rasa starts:
# Rasa 3.6 would otherwise start and silently keep nothing (docs/scaling.md).
[ "$ENDPOINTS" = endpoints.yml ] || .venv/bin/python scripts/check_stores.py "$ENDPOINTS" || exit 1
# Messaging platforms (docs/messaging.md): the web channels plus each platform whose variables are all set.
.venv/bin/python -m tools.credentials var/credentials.yml
# Origins allowed to use the assistant from a browser (REST CORS and the socket.io channel).
export RASA_CORS_ORIGINS="${RASA_CORS_ORIGINS:-http://localhost:${WEB_PORT:-8080} http://127.0.0.1:${WEB_PORT:-8080}}"
read -r -a cors_origins <<<"${RASA_CORS_ORIGINS//,/ }"

pids=()
web_pid=""
cleanup() {
  trap - EXIT INT TERM
  for pid in "${pids[@]}" $web_pid; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

.venv/bin/python -m actions.server --port "$ACTION_PORT" &
pids+=($!)
for _ in $(seq 1 60); do
  curl -fs "http://127.0.0.1:$ACTION_PORT/health" >/dev/null 2>&1 && break
  kill -0 "${pids[0]}" 2>/dev/null || { echo "error: the action server stopped (see the message above)" >&2; exit 1; }
  sleep 0.5
done

api_args=()
if [ "${RASA_ENABLE_API:-false}" = "true" ]; then
  if [ -z "${RASA_API_TOKEN:-}" ]; then
    echo "error: RASA_ENABLE_API=true needs RASA_API_TOKEN (the HTTP API can replace the model: never leave it open)" >&2
    exit 1
  fi
  api_args=(--enable-api --auth-token "$RASA_API_TOKEN")
fi

echo "Starting the Rasa server on http://$RASA_HOST:$RASA_PORT (the model takes a few seconds to load)..."
.venv/bin/rasa run --model "$MODEL" --interface "$RASA_HOST" --port "$RASA_PORT" \
  --credentials var/credentials.yml --endpoints "$ENDPOINTS" \
  --cors "${cors_origins[@]}" "${api_args[@]}" &
pids+=($!)
for _ in $(seq 1 240); do
  if curl -fs "http://127.0.0.1:$RASA_PORT/" >/dev/null 2>&1; then
    if [ "${WEB_PORT:-8080}" != "off" ]; then
      # The demo page is optional: if it cannot start (port taken, widget missing) the assistant keeps running.
      .venv/bin/python -m tools.faq >/dev/null || echo "warning: could not build web/faq.html" >&2
      .venv/bin/python -m tools.web --port "${WEB_PORT:-8080}" &
      web_pid=$!
    fi
    echo "Ready. Try:  curl -s -XPOST http://127.0.0.1:$RASA_PORT/webhooks/rest/webhook -d '{\"sender\":\"me\",\"message\":\"why does lupus hurt so much?\"}'"
    break
  fi
  kill -0 "${pids[1]}" 2>/dev/null || { echo "error: the Rasa server stopped (see the messages above)" >&2; exit 1; }
  sleep 0.5
done
wait -n "${pids[@]}"   # the action server or the Rasa server stopped: stop everything
