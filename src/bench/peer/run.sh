#!/usr/bin/env bash
# Peer benchmark: batchsend against curl --parallel, the seed's Python pool and wrk's ceiling,
# doing the same job (one GET per item, 8 at a time, one log line per item) against nginx on
# 127.0.0.1 returning a 3-byte body. Not part of `mvn verify`.
#
#   src/bench/peer/run.sh [ROUNDS] [SIZES]       defaults: 3 "20000 200000"
#
# Environment: PORT (18080), PY_MAX (largest input the Python pool runs, 20000),
# BIG (lines of the --dry-run memory check, 10000000; 0 skips it).
# Installs nginx, wrk, curl and GNU time from Debian's packages when they are missing (needs root).
set -euo pipefail

ROUNDS=${1:-3}
SIZES=${2:-"20000 200000"}
PORT=${PORT:-18080}
PY_MAX=${PY_MAX:-20000}
BIG=${BIG:-10000000}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
WORK=$(mktemp -d /tmp/batchsend-bench.XXXXXX)

need() {
  local missing=()
  command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
  command -v wrk >/dev/null || missing+=(wrk)
  command -v curl >/dev/null || missing+=(curl)
  [ -x /usr/bin/time ] || missing+=(time)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "installing ${missing[*]}" >&2
    apt-get update -qq >/dev/null && apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

batchsend_cmd() {
  # The product's own launcher (bin/batchsend from the tarball) chooses heap and GC; no flags here.
  local tarball
  tarball=$(ls "$ROOT"/target/batchsend-*.tar.gz 2>/dev/null | head -1 || true)
  if [ -z "$tarball" ] || [ ! -f "$ROOT/target/batchsend.jar" ]; then
    (cd "$ROOT" && mvn -B -q package -DskipTests) >&2
    tarball=$(ls "$ROOT"/target/batchsend-*.tar.gz 2>/dev/null | head -1 || true)
  fi
  if [ -n "$tarball" ]; then
    tar -xzf "$tarball" -C "$WORK"
    ls -d "$WORK"/batchsend-*/bin/batchsend
  else
    echo "java -jar $ROOT/target/batchsend.jar"
  fi
}

start_nginx() {
  cat >"$WORK/nginx.conf" <<CONF
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  keepalive_requests 100000000;
  keepalive_timeout 60s;
  server {
    listen 127.0.0.1:$PORT;
    location / { return 200 "ok\n"; }
  }
}
CONF
  nginx -c "$WORK/nginx.conf"
  for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$PORT/" && return; sleep 0.1; done
  echo "nginx did not start" >&2
  exit 1
}

cleanup() {
  [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# Runs a command under GNU time; prints "wall user sys maxrss_kb".
timed() {
  /usr/bin/time -f "%e %U %S %M" -o "$WORK/time" "$@" >/dev/null 2>"$WORK/stderr" || {
    echo "failed: $* ($(tail -3 "$WORK/stderr"))" >&2
    return 1
  }
  cat "$WORK/time"
}

record() { # tool items wall user sys rss lines
  echo "$1 $2 $3 $4 $5 $6 $7" >>"$WORK/results"
}

run_batchsend() { # items log-target label
  local n=$1 log=$2 label=$3
  rm -f "$WORK/bs.log"
  read -r wall user sys rss < <(timed $BS -q -c 8 --log-format jsonl -o "$log" \
    -u "http://127.0.0.1:$PORT/?data={data}" "$WORK/items$n.txt")
  local lines=$n
  [ "$log" != /dev/null ] && lines=$(wc -l <"$log")
  record "$label" "$n" "$wall" "$user" "$sys" "$rss" "$lines"
}

run_curl() {
  local n=$1
  read -r wall user sys rss < <(timed sh -c "curl -s --parallel --parallel-max 8 -K '$WORK/curl$n.cfg' \
    -w '%{url_effective} %{http_code} %{time_total}\n' > '$WORK/curl.log'")
  record curl "$n" "$wall" "$user" "$sys" "$rss" "$(wc -l <"$WORK/curl.log")"
}

run_python() {
  local n=$1
  rm -f "$WORK/py.log"
  read -r wall user sys rss < <(timed python3 "$HERE/pool.py" "http://127.0.0.1:$PORT/?data=" \
    "$WORK/items$n.txt" "$WORK/py.log" 8)
  record python-pool "$n" "$wall" "$user" "$sys" "$rss" "$(wc -l <"$WORK/py.log")"
}

run_wrk() {
  local rps
  rps=$(wrk -t2 -c8 -d5s "http://127.0.0.1:$PORT/" | awk '/Requests\/sec/ {print $2}')
  echo "wrk 0 5 0 0 0 0 $rps" >>"$WORK/wrk"
}

need
BS=$(batchsend_cmd)
echo "batchsend: $BS" >&2
start_nginx
for n in $SIZES; do
  seq 1 "$n" | sed 's/^/item/' >"$WORK/items$n.txt"
  awk -v p="$PORT" '{print "url = \"http://127.0.0.1:" p "/?data=" $1 "\"\noutput = \"/dev/null\""}' \
    "$WORK/items$n.txt" >"$WORK/curl$n.cfg"
done
: >"$WORK/results"
: >"$WORK/wrk"
for round in $(seq "$ROUNDS"); do
  echo "round $round/$ROUNDS" >&2
  for n in $SIZES; do
    # The order alternates between rounds, so that what runs just before (a page-cache writeback
    # of the previous log, a warm or cold CPU) falls on the log and no-log runs alike.
    if [ $((round % 2)) -eq 1 ]; then
      run_batchsend "$n" "$WORK/bs.log" batchsend
      run_curl "$n"
      run_batchsend "$n" /dev/null batchsend-nolog
    else
      run_batchsend "$n" /dev/null batchsend-nolog
      run_curl "$n"
      run_batchsend "$n" "$WORK/bs.log" batchsend
    fi
    if [ "$n" -le "$PY_MAX" ]; then run_python "$n"; fi
  done
  run_wrk
done

# One-item start-up, and peak RSS of a --dry-run over a very large input.
echo item1 >"$WORK/one.txt"
for _ in $(seq 5); do
  read -r wall user sys rss < <(timed $BS -q -o "$WORK/one.log" -u "http://127.0.0.1:$PORT/?data={data}" "$WORK/one.txt")
  record one-item 1 "$wall" "$user" "$sys" "$rss" 1
done
if [ "$BIG" -gt 0 ]; then
  seq 1 "$BIG" | sed 's/^/item/' >"$WORK/big.txt"
  read -r wall user sys rss < <(timed $BS --dry-run -u "http://127.0.0.1:$PORT/?data={data}" "$WORK/big.txt")
  record dry-run "$BIG" "$wall" "$user" "$sys" "$rss" "$BIG"
  rm -f "$WORK/big.txt"
fi

python3 - "$WORK/results" "$WORK/wrk" <<'PY'
import statistics, sys, collections
rows = collections.defaultdict(list)
for line in open(sys.argv[1]):
    tool, n, wall, user, sys_, rss, lines = line.split()
    rows[(tool, int(n))].append((float(wall), float(user), float(sys_), int(rss), int(lines)))
wrk = [float(l.split()[-1]) for l in open(sys.argv[2]) if l.strip()]
ceiling = statistics.median(wrk) if wrk else 0
def med(vals, i): return statistics.median(v[i] for v in vals)
print("| tool | items | wall s | requests/s | CPU µs/request | peak RSS MB | log lines |")
print("| --- | ---: | ---: | ---: | ---: | ---: | --- |")
rps = {}
for (tool, n), vals in sorted(rows.items(), key=lambda kv: (kv[0][1], kv[0][0])):
    wall = med(vals, 0)
    cpu = statistics.median((v[1] + v[2]) for v in vals)
    r = n / wall if wall else 0
    rps[(tool, n)] = r
    lines_ok = all(v[4] == n for v in vals)
    print(f"| {tool} | {n:,} | {wall:.2f} | {r:,.0f} | {cpu / n * 1e6:,.0f} | {med(vals, 3) / 1024:.0f} | {'all ' + format(n, ',') if lines_ok else 'MISMATCH'} |")
print(f"| wrk (no log, ceiling) | 5 s | | {ceiling:,.0f} | | | |")
print()
for n in sorted({n for _, n in rows}):
    b, c, nolog = rps.get(("batchsend", n)), rps.get(("curl", n)), rps.get(("batchsend-nolog", n))
    if b and c:
        print(f"- {n:,} items: batchsend/curl = {b / c:.2f}, batchsend/wrk = {b / ceiling:.2f}"
              + (f", JSONL log cost = {(1 - b / nolog) * 100:.1f} % of throughput" if nolog else ""))
PY
