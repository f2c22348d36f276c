#!/usr/bin/env bash
# Benchmark for issue 16: batchsend against a real rate limiter, Debian's nginx with limit_req at
# 20 requests a second (one worker, a 3-byte static file behind limit_req: nginx's `return`
# answers before limit_req runs). The limiters (one location each, each with its own zone):
#   b0     burst 0, a plain 429 (nginx's default limit_req with limit_req_status 429)
#   b0-ra  burst 0, 429 with `Retry-After: 1` (error_page 429 to a named location; checked at start)
#   b10    burst 10 nodelay, a plain 429
# and the commands, each with --retries=10 over ITEMS items, through the launcher bin/batchsend
# of the built tarball (built when missing):
#   c8 (-c 8)   adaptive (-c 8 --adaptive)   adaptive-latency (-c 8 --adaptive=latency)
#   rate20 (-c 8 --rate=20/s)   rate40-adaptive (-c 8 --rate=40/s --adaptive)
# nginx logs "$msec $status" for every request, so every arrival (retries included) is counted.
# Not a test: the figures depend on the machine (a busy machine slows the client, not the limiter).
#
# Run:
#   src/bench/adaptive/limit-req.sh [SCENARIO...]
#   e.g. ROUNDS=3 PORT=19300 src/bench/adaptive/limit-req.sh b0:c8 b0:rate20 b0:adaptive
# A SCENARIO is LIMITER (all five commands) or LIMITER:COMMAND; default: every pair (15 runs a
# round; before issue 16, the --adaptive runs take about 5 minutes each).
# Environment: ROUNDS (1; the runs of a round interleave, every other round in reverse order),
# ITEMS (300), PORT (18090), PAUSE (1 s of silence between runs, so the limiter's bucket drains),
# RESULTS (a file that receives every run's raw figures as JSON lines, with each arrival's time and
# status, to see where the 429s fell; default: none), BATCHSEND (the launcher to run instead of the
# tarball's), BATCHSEND_B (a second launcher, B: every scenario then runs with both, A then B, and
# B then A in every other round, so the two builds share the machine's load; the table gains a
# "build" column).
# Installs nginx-light, curl, GNU time and python3 from Debian's packages when missing (needs root).
#
# Columns of the Markdown table (medians over the rounds; "failed" and "exit" list every round):
#   limiter, command    as above
#   wall s              the launcher's wall time, JVM start included
#   served/s            200s / active time; active time = first to last arrival in nginx's log
#   quota               served/s as a share of the 20 r/s quota (burst 10 can go a little over)
#   429 all             429s among all arrivals (first attempts and retries)
#   429 after 3 s       the same, counting only arrivals 3 s or more after the first one (n/a: none)
#   failed              records with ok=false in the JSON Lines log
#   exit                batchsend's exit code (1: some item failed)
#   log lines           "ok" when the log holds exactly one line per item in every round
set -euo pipefail

ROUNDS=${ROUNDS:-1}
ITEMS=${ITEMS:-300}
PORT=${PORT:-18090}
PAUSE=${PAUSE:-1}
QUOTA=20
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
LIMITERS=(b0 b0-ra b10)
COMMANDS=(c8 adaptive adaptive-latency rate20 rate40-adaptive)

command_args() { # COMMAND -> the options that differ between commands
  case $1 in
    c8) echo "-c 8" ;;
    adaptive) echo "-c 8 --adaptive" ;;
    adaptive-latency) echo "-c 8 --adaptive=latency" ;;
    rate20) echo "-c 8 --rate=20/s" ;;
    rate40-adaptive) echo "-c 8 --rate=40/s --adaptive" ;;
    *) return 1 ;;
  esac
}

limiter_label() {
  case $1 in
    b0) echo "burst 0, no Retry-After" ;;
    b0-ra) echo "burst 0, Retry-After: 1" ;;
    b10) echo "burst 10 nodelay, no Retry-After" ;;
    *) return 1 ;;
  esac
}

# The scenarios to run, as LIMITER:COMMAND, checked before anything is installed or started.
[ $# -gt 0 ] || set -- "${LIMITERS[@]}"
SCENARIOS=()
for arg in "$@"; do
  limiter=${arg%%:*}
  limiter_label "$limiter" >/dev/null || { echo "unknown limiter '$limiter': expected ${LIMITERS[*]}" >&2; exit 2; }
  if [[ $arg == *:* ]]; then
    command_args "${arg#*:}" >/dev/null || { echo "unknown command '${arg#*:}': expected ${COMMANDS[*]}" >&2; exit 2; }
    SCENARIOS+=("$arg")
  else
    for c in "${COMMANDS[@]}"; do SCENARIOS+=("$limiter:$c"); done
  fi
done

WORK=$(mktemp -d /tmp/batchsend-limit-req.XXXXXX)
RUN_PID="" # /usr/bin/time of the batchsend run under way, its child is the JVM
cleanup() {
  if [ -n "$RUN_PID" ]; then
    pkill -TERM -P "$RUN_PID" 2>/dev/null || true
    kill "$RUN_PID" 2>/dev/null || true
  fi
  if [ -f "$WORK/nginx.pid" ]; then
    kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
    for _ in $(seq 50); do [ -f "$WORK/nginx.pid" ] || break; sleep 0.1; done
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

need() {
  local missing=()
  command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
  command -v curl >/dev/null || missing+=(curl)
  [ -x /usr/bin/time ] || missing+=(time)
  command -v python3 >/dev/null || missing+=(python3)
  if [ ${#missing[@]} -gt 0 ]; then
    [ "$(id -u)" -eq 0 ] || { echo "missing ${missing[*]}; install them (needs root)" >&2; exit 1; }
    echo "installing ${missing[*]} (apt-get install)" >&2
    apt-get update -qq >/dev/null && apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

launcher() {
  # The product's own launcher (bin/batchsend from the tarball) chooses heap and GC; no flags here.
  local tarball
  tarball=$(ls "$ROOT"/target/batchsend-*.tar.gz 2>/dev/null | head -1 || true)
  if [ -z "$tarball" ]; then
    echo "building the tarball (mvn package -DskipTests)" >&2
    (cd "$ROOT" && mvn -B -q package -DskipTests) >&2
    tarball=$(ls "$ROOT"/target/batchsend-*.tar.gz | head -1)
  fi
  tar -xzf "$tarball" -C "$WORK"
  ls -d "$WORK"/batchsend-*/bin/batchsend
}

start_nginx() {
  # nginx's worker runs as nobody when started by root: it must be able to read the file.
  chmod 755 "$WORK"
  mkdir -p "$WORK/www" "$WORK/tmp"
  printf 'ok\n' >"$WORK/www/ok.txt"
  cat >"$WORK/nginx.conf" <<CONF
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http {
  client_body_temp_path $WORK/tmp;
  log_format arrivals '\$msec \$status';
  access_log $WORK/access.log arrivals;
  keepalive_requests 100000000;
  keepalive_timeout 60s;
  limit_req_zone \$binary_remote_addr zone=b0:1m rate=${QUOTA}r/s;
  limit_req_zone \$binary_remote_addr zone=b0ra:1m rate=${QUOTA}r/s;
  limit_req_zone \$binary_remote_addr zone=b10:1m rate=${QUOTA}r/s;
  limit_req_status 429;
  limit_req_log_level info;
  server {
    listen 127.0.0.1:$PORT;
    root $WORK/www;
    location /b0/ { limit_req zone=b0; try_files /ok.txt =404; }
    location /b0-ra/ { limit_req zone=b0ra; error_page 429 = @retry_after; try_files /ok.txt =404; }
    location /b10/ { limit_req zone=b10 burst=10 nodelay; try_files /ok.txt =404; }
    location @retry_after { add_header Retry-After 1 always; return 429; }
  }
}
CONF
  nginx -p "$WORK" -e "$WORK/nginx-error.log" -c "$WORK/nginx.conf"
  for _ in $(seq 50); do
    [ "$(curl -s "http://127.0.0.1:$PORT/b0/start")" = ok ] && return
    sleep 0.2
  done
  echo "nginx did not start on port $PORT: $(tail -2 "$WORK/nginx-error.log")" >&2
  exit 1
}

# Five requests back to back on each limiter: some must be answered 429, with Retry-After: 1
# only on b0-ra, else the table would measure another limiter than its label says.
check_limiters() {
  local limiter url headers
  for limiter in "${LIMITERS[@]}"; do
    [ "$limiter" = b10 ] && continue # its burst lets 11 through; its 429 is b0's
    url="http://127.0.0.1:$PORT/$limiter/check"
    headers=$(curl -s -D - -o /dev/null -o /dev/null -o /dev/null -o /dev/null -o /dev/null \
      "$url" "$url" "$url" "$url" "$url" | tr -d '\r')
    if ! grep -q '^HTTP/1.1 429' <<<"$headers"; then
      echo "limiter $limiter: no 429 among five requests back to back" >&2
      exit 1
    fi
    if [ "$limiter" = b0-ra ] && ! grep -qi '^Retry-After: 1$' <<<"$headers"; then
      echo "limiter b0-ra: its 429 lacks Retry-After: 1" >&2
      exit 1
    fi
    if [ "$limiter" != b0-ra ] && grep -qi '^Retry-After' <<<"$headers"; then
      echo "limiter $limiter: its 429 carries a Retry-After" >&2
      exit 1
    fi
  done
  echo "checked: 429s on requests back to back; Retry-After: 1 only on b0-ra" >&2
}

run_one() { # ROUND LIMITER:COMMAND BUILD LAUNCHER
  local round=$1 limiter=${2%%:*} cmd=${2#*:} build=$3 bs=$4 log="$WORK/run.log" before after code
  rm -f "$log"
  sleep "$PAUSE"
  before=$(wc -l <"$WORK/access.log")
  # In the background with `wait`, so that a TERM or INT to this script runs cleanup at once.
  # shellcheck disable=SC2046 # the command's options are split into words on purpose
  /usr/bin/time -f %e -o "$WORK/time" "$bs" -q $(command_args "$cmd") --retries=10 \
    --log-format jsonl -o "$log" -u "http://127.0.0.1:$PORT/$limiter/{data}" "$WORK/items.txt" \
    >/dev/null 2>"$WORK/stderr" &
  RUN_PID=$!
  wait "$RUN_PID" && code=0 || code=$?
  RUN_PID=""
  after=$(wc -l <"$WORK/access.log")
  sed -n "$((before + 1)),${after}p" "$WORK/access.log" >"$WORK/arrivals"
  # GNU time prints "Command exited with non-zero status N" before the time when the code is not 0.
  python3 - "$round" "$limiter" "$cmd" "$build" "$code" "$(tail -1 "$WORK/time")" "$log" "$WORK/arrivals" \
    >>"$WORK/results" <<'PY'
import json, os, sys
round_, limiter, cmd, build, code, wall, log, arrivals = sys.argv[1:]
lines = failed = 0
if os.path.exists(log):  # absent when batchsend stopped before its first record
    for line in open(log):
        lines += 1
        try:
            failed += not json.loads(line)["ok"]
        except ValueError:  # a torn line is no success
            failed += 1
times, statuses = [], []
for line in open(arrivals):
    t, s = line.split()
    times.append(float(t)); statuses.append(s)
print(json.dumps({"round": int(round_), "limiter": limiter, "command": cmd, "build": build,
                  "exit": int(code),
                  "wall": float(wall), "lines": lines, "failed": failed,
                  "times": times, "statuses": statuses}))
print(f"round {round_} {limiter}:{cmd} {build}: {float(wall):.1f} s, {statuses.count('200')} x 200, "
      f"{statuses.count('429')} x 429, failed {failed}, exit {code}", file=sys.stderr)
PY
  [ -s "$WORK/stderr" ] && [ "$code" -ne 0 ] && [ "$code" -ne 1 ] && sed 's/^/  stderr: /' "$WORK/stderr" | head -3 >&2
  return 0
}

need
BS=${BATCHSEND:-$(launcher)}
echo "batchsend: $BS" >&2
BUILDS=(A)
if [ -n "${BATCHSEND_B:-}" ]; then
  BUILDS=(A B)
  echo "batchsend B: $BATCHSEND_B" >&2
fi
launcher_of() { [ "$1" = A ] && echo "$BS" || echo "$BATCHSEND_B"; }
start_nginx
check_limiters
seq 1 "$ITEMS" | sed 's/^/item/' >"$WORK/items.txt"
: >"$WORK/results"
for round in $(seq "$ROUNDS"); do
  order=("${SCENARIOS[@]}")
  if [ $((round % 2)) -eq 0 ]; then # every other round in reverse, so no run always follows another
    order=()
    for ((i = ${#SCENARIOS[@]} - 1; i >= 0; i--)); do order+=("${SCENARIOS[i]}"); done
  fi
  builds=("${BUILDS[@]}")
  [ $((round % 2)) -eq 0 ] && [ ${#BUILDS[@]} -eq 2 ] && builds=(B A)
  for s in "${order[@]}"; do
    for b in "${builds[@]}"; do run_one "$round" "$s" "$b" "$(launcher_of "$b")"; done
  done
done

[ -n "${RESULTS:-}" ] && cp "$WORK/results" "$RESULTS"
LABELS=$(for l in "${LIMITERS[@]}"; do echo "$l=$(limiter_label "$l")"; done)
ARGS=$(for c in "${COMMANDS[@]}"; do echo "$c=$(command_args "$c")"; done)
python3 - "$WORK/results" "$ITEMS" "$QUOTA" "$LABELS" "$ARGS" "$(printf '%s\n' "${SCENARIOS[@]}")" "${BUILDS[*]}" <<'PY'
import json, statistics, sys
results, items, quota = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
labels = dict(l.split("=", 1) for l in sys.argv[4].splitlines())
args = dict(l.split("=", 1) for l in sys.argv[5].splitlines())
runs = {}
for line in open(results):
    r = json.loads(line)
    times, statuses = r["times"], r["statuses"]
    first = times[0] if times else 0
    active = (times[-1] - first) if times else 0
    served = statuses.count("200")
    after3 = [s for t, s in zip(times, statuses) if t - first >= 3]
    r["served_per_s"] = served / active if active else 0
    r["r429_all"] = statuses.count("429") / len(statuses) if statuses else 0
    r["r429_late"] = after3.count("429") / len(after3) if after3 else None  # a run under 3 s
    runs.setdefault((r["limiter"], r["command"], r["build"]), []).append(r)
med = lambda rs, k: statistics.median(r[k] for r in rs)
def late(rs):
    vals = [r["r429_late"] for r in rs if r["r429_late"] is not None]
    return f"{statistics.median(vals):.0%}" if vals else "n/a"
print(f"nginx limit_req {quota:g} r/s, {items} items, --retries=10, bin/batchsend; "
      f"{max(len(v) for v in runs.values())} round(s), medians")
print()
builds = sys.argv[7].split()
ab = len(builds) > 1
print(f"| limiter | command |{' build |' if ab else ''} wall s | served/s | quota | 429 all | 429 after 3 s | failed | exit | log lines |")
print(f"| --- | --- |{' --- |' if ab else ''} ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
cells = [(*s.split(":"), build) for s in sys.argv[6].splitlines() for build in builds]
for limiter, cmd, build in cells:
    rs = runs.get((limiter, cmd, build))
    if not rs:
        continue
    lines_ok = all(r["lines"] == items for r in rs)
    print(f"| {labels[limiter]} | `{args[cmd]}` |{f' {build} |' if ab else ''} {med(rs, 'wall'):.1f} | {med(rs, 'served_per_s'):.1f} "
          f"| {med(rs, 'served_per_s') / quota:.0%} | {med(rs, 'r429_all'):.0%} | {late(rs)} "
          f"| {' / '.join(str(r['failed']) for r in rs)} | {' / '.join(str(r['exit']) for r in rs)} "
          f"| {'ok' if lines_ok else 'MISMATCH: ' + ' / '.join(str(r['lines']) for r in rs)} |")
PY
