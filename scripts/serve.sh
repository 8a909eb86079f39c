#!/usr/bin/env bash
# Run the background worker and the development web server together; Ctrl-C stops both.
# Used by `make demo`. HOST and PORT may be set in the environment.
set -euo pipefail
cd "$(dirname "$0")/.."

HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8000}
PY=${PY:-.venv/bin/python}

worker_pid=""
server_pid=""
stop() {
    trap - INT TERM EXIT
    echo
    echo "Stopping Simpul…"
    for pid in "$server_pid" "$worker_pid"; do
        if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
            kill -TERM "$pid" 2>/dev/null || true
        fi
    done
    for pid in "$server_pid" "$worker_pid"; do
        if [ -n "$pid" ]; then
            wait "$pid" 2>/dev/null || true
        fi
    done
}
trap "stop; exit 0" INT TERM
trap stop EXIT

echo
echo "  Simpul is starting at http://$HOST:$PORT/"
echo "  Sign in with one of the demo logins listed above (password: simpul-demo-2026)."
echo "  E-mails are printed to this console. Press Ctrl-C to stop the server and the worker."
echo

"$PY" manage.py worker &
worker_pid=$!
"$PY" manage.py runserver "$HOST:$PORT" --noreload &
server_pid=$!

# Stop as soon as either process ends, so a crashed worker does not go unnoticed.
status=0
wait -n "$worker_pid" "$server_pid" || status=$?
exit "$status"
