#!/usr/bin/env bash
# Benchmark for --adaptive (issue 8): a fixed pool of -c 32 against --adaptive, on a loopback
# server that serves 4 requests at once (HOLD_MS each) and answers 429 beyond that; then both on
# a healthy server (no slot limit), where --adaptive should cost little against fixed -c.
# Prints wall time and the server's count of 429s for each. Needs target/batchsend.jar
# (mvn package). Not a test: the figures depend on the machine.
# Rate limiters (nginx limit_req, issue 16) are benchmarked by limit-req.sh next to this file.
#
#   src/bench/adaptive/run.sh [ITEMS] [HOLD_MS]
set -euo pipefail
cd "$(dirname "$0")/../../.."
ITEMS=${1:-400}
HOLD_MS=${2:-50}
JAR=target/batchsend.jar
[[ -f $JAR ]] || { echo "build first: mvn package" >&2; exit 2; }
WORK=$(mktemp -d)
SERVER_PID=""
cleanup() {
  [[ -n $SERVER_PID ]] && kill "$SERVER_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
seq 1 "$ITEMS" | sed 's/^/item/' > "$WORK/items.txt"

start_server() { # SLOTS
  [[ -n $SERVER_PID ]] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
  java src/bench/adaptive/CapacityServer.java "$1" "$HOLD_MS" > "$WORK/port" &
  SERVER_PID=$!
  for _ in $(seq 1 100); do [[ -s $WORK/port ]] && break; sleep 0.1; done
  PORT=$(head -1 "$WORK/port")
}

run() { # LABEL ARGS...
  local label=$1; shift
  curl -s "http://127.0.0.1:$PORT/reset" > /dev/null
  local t0 t1
  t0=$(date +%s.%N)
  java -jar "$JAR" -q -c 32 --retries 100 --max-failures 100% -o "$WORK/log-$label" \
    -u "http://127.0.0.1:$PORT/{data}" "$@" "$WORK/items.txt" 2> "$WORK/err-$label" || true
  t1=$(date +%s.%N)
  printf '%-28s wall %6.2f s   server: %s\n' "$label" "$(echo "$t1 - $t0" | bc)" \
    "$(curl -s "http://127.0.0.1:$PORT/stats")"
}

echo "$ITEMS items; server holds each request ${HOLD_MS} ms"
start_server 4
echo "capacity 4 ($(echo "4000 / $HOLD_MS" | bc) req/s):"
run "fixed -c 32"
run "--adaptive -c 32" --adaptive
start_server 100000
echo "healthy (no slot limit):"
run "fixed -c 32 (healthy)"
run "--adaptive -c 32 (healthy)" --adaptive
