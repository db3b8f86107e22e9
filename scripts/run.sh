#!/usr/bin/env bash
# Start the action server, the Rasa server (REST + socket.io) and the demo page on localhost.
# Both servers hide the deprecation notices of their libraries (server/quiet.py): the terminal
# shows progress, our own messages and errors.
# Ctrl-C stops all three. Called by `make run` after install, spaCy build and training; the
# end-to-end tests and `make bench` start the assistant through this same script, changing
# only ports (RASA_PORT, ACTION_SERVER_PORT, WEB_PORT) and where files are kept (VAR_DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
umask 077   # conversations, keys and logs under var/ readable by this user only (0700 / 0600)

RASA_HOST="${RASA_HOST:-127.0.0.1}"
export RASA_PORT="${RASA_PORT:-5005}"
export ACTION_SERVER_PORT="${ACTION_SERVER_PORT:-5055}"
export WEB_PORT="${WEB_PORT:-8080}"
MODEL="${MODEL:-models/autoimmune-pain.tar.gz}"
ENDPOINTS="${ENDPOINTS:-endpoints.yml}"
VAR_DIR="${VAR_DIR:-var}"
export CONVERSATIONS_DB="${CONVERSATIONS_DB:-$VAR_DIR/conversations.db}"
export RASA_TELEMETRY_ENABLED=false TF_CPP_MIN_LOG_LEVEL=3 SQLALCHEMY_SILENCE_UBER_WARNING=1
export TF_INTER_OP_PARALLELISM_THREADS="${TF_INTER_OP_PARALLELISM_THREADS:-1}"
export TF_INTRA_OP_PARALLELISM_THREADS="${TF_INTRA_OP_PARALLELISM_THREADS:-1}"

case "$RASA_HOST" in
  127.*|localhost|::1) ;;
  *) [ -n "${REST_SHARED_SECRET:-}" ] || {
       echo "error: RASA_HOST=$RASA_HOST serves beyond this machine: set REST_SHARED_SECRET (the REST channel's X-Assistant-Secret header, docs/messaging.md)" >&2
       exit 1; } ;;
esac
mkdir -p "$VAR_DIR"   # conversations, the generated credentials and endpoints
[ -f "$MODEL" ] || { echo "error: no trained model at $MODEL (run: make train)" >&2; exit 1; }
# A shared conversation store (deploy/endpoints.production.yml) must answer before Rasa starts:
# Rasa 3.6 would otherwise start and silently keep nothing (docs/scaling.md).
[ "$ENDPOINTS" = endpoints.yml ] || .venv/bin/python -m tools.check_stores "$ENDPOINTS" || exit 1
# This run's endpoints: the action server's port and the SQLite path from the settings above.
.venv/bin/python -m tools.endpoints "$ENDPOINTS" "$VAR_DIR/endpoints.yml"
# Messaging platforms (docs/messaging.md): the web channels plus each platform whose variables are all set.
.venv/bin/python -m tools.credentials "$VAR_DIR/credentials.yml"
# Origins allowed to open the chat widget's socket.io connection. The socket.io server alone
# answers CORS on its path: Rasa's --cors is not used (both would send the headers, twice, and
# browsers refuse a doubled Access-Control-Allow-Origin). The REST webhook is for the clinic's
# own systems, not for browsers, and sends no CORS headers.
export RASA_CORS_ORIGINS="${RASA_CORS_ORIGINS:-http://localhost:${WEB_PORT} http://127.0.0.1:${WEB_PORT}}"

action_pid=""
rasa_pid=""
web_pid=""
stopping=""
cleanup() {
  trap - EXIT INT TERM
  for pid in $action_pid $rasa_pid $web_pid; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
# Ctrl-C in a terminal signals the whole process group: the servers stop by themselves, and
# nothing may be restarted or reported as a failure while they do. One line, exit status 0.
stop_all() {
  [ -z "$stopping" ] || return 0
  stopping=1
  echo "Stopping the assistant."
  cleanup
  exit 0
}
trap cleanup EXIT
trap stop_all INT TERM

start_action_server() {
  .venv/bin/python -m actions.server --port "$ACTION_SERVER_PORT" &
  action_pid=$!
  for _ in $(seq 1 240); do
    curl -fs "http://127.0.0.1:$ACTION_SERVER_PORT/health" >/dev/null 2>&1 && return 0
    kill -0 "$action_pid" 2>/dev/null || { echo "error: the action server stopped (see the message above)" >&2; return 1; }
    sleep 0.5
  done
  echo "error: the action server did not answer on port $ACTION_SERVER_PORT within 120 s" >&2
  return 1
}
start_action_server || exit 1

api_args=()
if [ "${RASA_ENABLE_API:-false}" = "true" ]; then
  if [ -z "${RASA_API_TOKEN:-}" ]; then
    echo "error: RASA_ENABLE_API=true needs RASA_API_TOKEN (the HTTP API can replace the model: never leave it open)" >&2
    exit 1
  fi
  api_args=(--enable-api --auth-token "$RASA_API_TOKEN")
fi

echo "Starting the Rasa server on http://$RASA_HOST:$RASA_PORT (the model takes a few seconds to load)..."
.venv/bin/python -m server.rasa_cli run --model "$MODEL" --interface "$RASA_HOST" --port "$RASA_PORT" \
  --credentials "$VAR_DIR/credentials.yml" --endpoints "$VAR_DIR/endpoints.yml" "${api_args[@]}" &
rasa_pid=$!
for _ in $(seq 1 240); do
  curl -fs "http://127.0.0.1:$RASA_PORT/" >/dev/null 2>&1 && break
  kill -0 "$rasa_pid" 2>/dev/null || { echo "error: the Rasa server stopped (see the messages above)" >&2; exit 1; }
  sleep 0.5
done
curl -fs "http://127.0.0.1:$RASA_PORT/" >/dev/null 2>&1 || { echo "error: the Rasa server did not answer within 120 s" >&2; exit 1; }

if [ "$WEB_PORT" != "off" ]; then
  # The demo page is optional: if it cannot start (port taken, widget missing) the assistant keeps running.
  .venv/bin/python -m tools.faq >/dev/null || echo "warning: could not build web/faq.html" >&2
  .venv/bin/python -m tools.web --port "$WEB_PORT" &
  web_pid=$!
  for _ in $(seq 1 40); do
    curl -fs "http://127.0.0.1:$WEB_PORT/" >/dev/null 2>&1 && break
    kill -0 "$web_pid" 2>/dev/null || { echo "warning: the demo page did not start (see above); the assistant runs without it" >&2; web_pid=""; break; }
    sleep 0.25
  done
  [ -z "$web_pid" ] || echo "Chat widget demo: http://localhost:$WEB_PORT/   front-desk FAQ: http://localhost:$WEB_PORT/faq.html"
fi
echo "Ready. Try:  curl -s -XPOST http://127.0.0.1:$RASA_PORT/webhooks/rest/webhook -d '{\"sender\":\"me\",\"message\":\"why does lupus hurt so much?\"}'"

# The exit status of a server that has stopped. A Ctrl-C that reached it before this script's trap (a loaded
# machine) ends it cleanly (0) or by the signal (130, 143): that is a stop, and everything stops with it.
# Sets $status; run in this shell (never in $(...), where neither wait nor stop_all would reach the servers).
check_stopped() {
  status=0
  wait "$1" 2>/dev/null || status=$?
  case "$status" in 0|130|143) stop_all ;; esac
}

# Keep serving. A crashed action server is started again (after 2 s, at most 5 times);
# if the Rasa server stops, everything stops.
restarts=0
while true; do
  wait -n $action_pid $rasa_pid || true
  sleep 0.2  # a Ctrl-C reaches this script and its servers together: let its trap run first
  [ -z "$stopping" ] || exit 0
  if ! kill -0 "$rasa_pid" 2>/dev/null; then
    check_stopped "$rasa_pid"
    echo "error: the Rasa server stopped (status $status); stopping the others" >&2
    exit 1
  fi
  if ! kill -0 "$action_pid" 2>/dev/null; then
    check_stopped "$action_pid"  # any status but a stop's is a crash: restart it
    restarts=$((restarts + 1))
    [ "$restarts" -le 5 ] || { echo "error: the action server stopped 5 times; stopping everything" >&2; exit 1; }
    echo "warning: the action server stopped; the assistant apologises until it is back. Restarting it in 2 s..." >&2
    sleep 2
    start_action_server || exit 1
    echo "The action server is back."
  fi
done
