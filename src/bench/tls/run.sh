#!/usr/bin/env bash
# TLS benchmark (issue 15): batchsend against curl --parallel doing the same job (one GET per item,
# C at a time, one log line per item) against nginx on 127.0.0.1 over HTTPS, HTTP/1.1 and HTTP/2,
# with a fixed 20 ms service time (echo_sleep 0.02), so the ideal wall is items x 20 ms / C.
# Certificates (a CA and a server certificate for 127.0.0.1 and localhost) are made with openssl at
# every run, in a temporary directory; batchsend trusts the CA with --cacert, curl with --cacert.
# Not part of `mvn verify`.
#
#   src/bench/tls/run.sh
#
# Environment:
#   ROUNDS      alternating rounds (default 3); the table shows medians
#   CASES       a subset of: h1-64 h2-64 h1-256 h2-256 cron-h1 cron-h2 one (default all)
#               hN-C: ITEMS items at -c C over HTTP/1.1+TLS (h1) or HTTP/2 (h2);
#               cron-hN: CRON_ITEMS items at -c 64, start-up included (as in every case);
#               one: the wall of a one-item plaintext run (median of 5), no curl
#   ITEMS       items of the hN-C cases (default 10000);  CRON_ITEMS (default 2000)
#   BATCHSEND   the launcher to run (default: bin/batchsend of target/batchsend-*.tar.gz, built
#               when missing); JAVA_OPTS is passed through to it unchanged
#   BATCHSEND_B, JAVA_OPTS_B   when either is set, a second batchsend (B) runs interleaved with the
#               first in every round (A B curl, then curl B A), e.g. JAVA_OPTS_B=-XX:TieredStopAtLevel=4
#               or BATCHSEND_B=/path/to/other/bin/batchsend; the table gains B's rows and B/A ratios
#   PORT        first of three ports: PORT plain HTTP, PORT+1 HTTP/1.1+TLS, PORT+2 HTTP/2 (18443)
#   NGINX_WORKERS  nginx worker_processes (default 1, as the peer benchmark: on 2 cores one worker
#               leaves the other core to the client; nginx's CPU is shown so a saturated server shows)
#   CURL_OPTS   extra curl options, e.g. --parallel-immediate (see "curl" below)
#   KEY         rsa (2048 bits, default) or ec (P-256) for the CA and server keys
#   KEEP        1 keeps the work directory (logs, certificates, nginx.conf) and prints its path
#
# curl: `curl -s --parallel --parallel-max C -K FILE` (FILE holds url/output pairs) with --http1.1
# or --http2 and -w '%{http_code} %{http_version} %{time_total}\n', one line per item. It reuses
# its connections (HTTP/1.1 keep-alive; HTTP/2 multiplexed, more connections when the server's
# stream limit is reached), as batchsend's OkHttp does. --parallel-immediate (open connections at
# once instead of waiting to multiplex) is not the default and not used; CURL_OPTS adds it. Measured
# (3 interleaved runs each, 10,000 items, machine shared): it did not make curl faster (HTTP/2 C=256
# 5.0 s against 5.3 s, HTTP/1.1 C=256 6.1 against 5.6 s, HTTP/2 C=64 7.4 against 5.6 s).
# nginx: Debian's, http2_max_concurrent_streams at its default (128), keepalive_requests 100000000
# (which since nginx 1.19.7 also bounds requests per HTTP/2 connection).
# Installs nginx, its echo module, curl, openssl and GNU time from Debian when missing (needs root).
set -euo pipefail

ROUNDS=${ROUNDS:-3}
CASES=${CASES:-"h1-64 h2-64 h1-256 h2-256 cron-h1 cron-h2 one"}
ITEMS=${ITEMS:-10000}
CRON_ITEMS=${CRON_ITEMS:-2000}
PORT=${PORT:-18443}
NGINX_WORKERS=${NGINX_WORKERS:-1}
CURL_OPTS=${CURL_OPTS:-}
KEY=${KEY:-rsa}
KEEP=${KEEP:-0}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
WORK=$(mktemp -d /tmp/batchsend-tls-bench.XXXXXX)
ECHO_MODULE=/usr/lib/nginx/modules/ngx_http_echo_module.so
PLAIN=$PORT
H1=$((PORT + 1))
H2=$((PORT + 2))

need() {
  local missing=()
  command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
  [ -f "$ECHO_MODULE" ] || missing+=(libnginx-mod-http-echo)
  command -v curl >/dev/null || missing+=(curl)
  command -v openssl >/dev/null || missing+=(openssl)
  [ -x /usr/bin/time ] || missing+=(time)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "installing ${missing[*]}" >&2
    apt-get update -qq >/dev/null && apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  curl --version | grep -q 'HTTP2' || {
    echo "this curl has no HTTP/2 (nghttp2)" >&2
    exit 1
  }
}

launcher() { # the product's own launcher (bin/batchsend from the tarball): it chooses heap, GC, JIT
  local tarball
  tarball=$(ls "$ROOT"/target/batchsend-*.tar.gz 2>/dev/null | head -1 || true)
  if [ -z "$tarball" ]; then
    (cd "$ROOT" && mvn -B -q package -DskipTests) >&2
    tarball=$(ls "$ROOT"/target/batchsend-*.tar.gz | head -1)
  fi
  tar -xzf "$tarball" -C "$WORK"
  ls -d "$WORK"/batchsend-*/bin/batchsend
}

make_certificates() {
  local key=(-newkey rsa:2048)
  [ "$KEY" = ec ] && key=(-newkey ec -pkeyopt ec_paramgen_curve:prime256v1)
  (
    cd "$WORK"
    openssl req -x509 "${key[@]}" -nodes -days 2 -keyout ca.key -out ca.pem \
      -subj "/CN=batchsend bench CA" -addext "basicConstraints=critical,CA:TRUE" \
      -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
    openssl req "${key[@]}" -nodes -keyout server.key -out server.csr -subj "/CN=127.0.0.1" 2>/dev/null
    printf '%s\n' "subjectAltName=IP:127.0.0.1,DNS:localhost" "basicConstraints=CA:FALSE" \
      "keyUsage=critical,digitalSignature,keyEncipherment" "extendedKeyUsage=serverAuth" >server.ext
    openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 \
      -extfile server.ext -out server.pem 2>/dev/null
  )
}

start_nginx() {
  cat >"$WORK/nginx.conf" <<CONF
load_module $ECHO_MODULE;
worker_processes $NGINX_WORKERS;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 4096; }
http {
  access_log off;
  # The TLS servers log each request's protocol, status and connection number (unbuffered, ~20
  # bytes a request, the same for both tools), so every run proves it spoke HTTP/1.1 or HTTP/2,
  # and shows how many requests were sent (retries) on how many TLS connections.
  log_format proto '\$server_protocol \$status \$connection';
  keepalive_requests 100000000;
  keepalive_timeout 60s;
  ssl_certificate $WORK/server.pem;
  ssl_certificate_key $WORK/server.key;
  ssl_protocols TLSv1.2 TLSv1.3;
  server {
    listen 127.0.0.1:$PLAIN;
    location / { return 200 "ok\n"; }
  }
  server {
    listen 127.0.0.1:$H1 ssl;
    access_log $WORK/access.log proto;
    location / { echo_sleep 0.02; echo ok; }
  }
  server {
    listen 127.0.0.1:$H2 ssl http2;
    access_log $WORK/access.log proto;
    location / { echo_sleep 0.02; echo ok; }
  }
}
CONF
  nginx -c "$WORK/nginx.conf" -e "$WORK/nginx-error.log"
  for _ in $(seq 50); do
    curl -s -o /dev/null "http://127.0.0.1:$PLAIN/" && break
    sleep 0.1
  done
  local p
  p=$(curl -s --cacert "$WORK/ca.pem" --http1.1 -o /dev/null -w '%{http_version} %{http_code}' "https://127.0.0.1:$H1/x")
  [ "$p" = "1.1 200" ] || { echo "nginx HTTP/1.1+TLS check: '$p'" >&2; exit 1; }
  p=$(curl -s --cacert "$WORK/ca.pem" --http2 -o /dev/null -w '%{http_version} %{http_code}' "https://127.0.0.1:$H2/x")
  [ "$p" = "2 200" ] || { echo "nginx HTTP/2 check: '$p'" >&2; exit 1; }
}

cleanup() {
  [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
  if [ "$KEEP" = 1 ]; then echo "kept $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

# CPU seconds nginx's workers have used so far (utime + stime of every worker).
nginx_cpu() {
  local total=0 pid
  for pid in $(pgrep -P "$(cat "$WORK/nginx.pid")"); do
    total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat")))
  done
  echo "$total $(getconf CLK_TCK)" | awk '{printf "%.2f", $1 / $2}'
}

# Runs a command under GNU time, its stdout to $OUT (default /dev/null);
# prints "wall user sys maxrss_kb nginx_cpu_s".
timed() {
  local before after
  before=$(nginx_cpu)
  # A failed run is still timed (its log check then says BAD); GNU time adds a line before the figures.
  /usr/bin/time -f "%e %U %S %M" -o "$WORK/time" "$@" >"${OUT:-/dev/null}" 2>"$WORK/stderr" ||
    echo "failed: $* ($(tail -3 "$WORK/stderr"))" >&2
  after=$(nginx_cpu)
  echo "$(tail -1 "$WORK/time") $(echo "$after $before" | awk '{printf "%.2f", $1 - $2}')"
}

# The requests nginx served in the run just made (more than the items when the client retried),
# or BAD when one of them was not in the case's protocol; then the TLS connections they came on.
served() { # protocol
  awk -v p="$1" '$1 != p {bad = 1} {conn[$3]} END {print (bad ? "BAD" : NR), length(conn)}' "$WORK/access.log"
}

record() { # case tool items c wall user sys rss nginx_cpu lines_ok served connections first_s
  echo "$*" >>"$WORK/results"
}

case_protocol() { [ "${1#*h2}" != "$1" ] && echo HTTP/2.0 || echo HTTP/1.1; }
case_port() { [ "${1#*h2}" != "$1" ] && echo "$H2" || echo "$H1"; }

run_batchsend() { # case items c tool launcher java_opts
  local kase=$1 n=$2 c=$3 tool=$4 bs=$5 opts=$6 port log ok served conns t0 first
  port=$(case_port "$kase")
  log=$WORK/bs.log
  rm -f "$log"
  : >"$WORK/access.log"
  t0=$(date +%s.%N)
  read -r wall user sys rss ncpu < <(JAVA_OPTS=$opts timed "$bs" -q -c "$c" -o "$log" \
    --cacert "$WORK/ca.pem" -u "https://127.0.0.1:$port/{data}" "$WORK/items$n.txt")
  # One record per item, every one a 200 (text format: "TIME  #INDEX  ok  STATUS  ...").
  ok=$(awk -v n="$n" '$3 == "ok" && $4 == 200 {k++} END {print (NR == n && k == n) ? "ok" : "BAD:" NR "/" k}' "$log")
  [ "$ok" = ok ] || echo "batchsend $kase: $ok lines/200s of $n; first: $(head -2 "$log")" >&2
  read -r served conns < <(served "$(case_protocol "$kase")")
  # When the first response was logged, in seconds after the launch: start-up and first connections.
  first=-
  if [ -s "$log" ]; then
    first=$(date -d "$(awk '{print $1}' "$log" | sort | head -1)" +%s.%N)
    first=$(echo "$first $t0" | awk '{printf "%.2f", $1 - $2}')
  fi
  if [ "$served" != "$n" ] || [ "$ok" != ok ]; then
    echo "batchsend $kase: nginx served $served requests for $n items" >&2
    cp "$log" "$WORK/bs-$kase-$tool-$(date +%s).log" # for KEEP=1: which items were retried, and why
  fi
  record "$kase" "$tool" "$n" "$c" "$wall" "$user" "$sys" "$rss" "$ncpu" "$ok" "$served" "$conns" "$first"
}

run_curl() { # case items c
  local kase=$1 n=$2 c=$3 port proto want ok served conns
  port=$(case_port "$kase")
  proto=--http1.1 want=1.1
  [ "$port" = "$H2" ] && proto=--http2 want=2
  : >"$WORK/access.log"
  # shellcheck disable=SC2086
  read -r wall user sys rss ncpu < <(OUT=$WORK/curl.log timed curl -s --parallel --parallel-max "$c" \
    $CURL_OPTS "$proto" --cacert "$WORK/ca.pem" -w '%{http_code} %{http_version} %{time_total}\n' \
    -K "$WORK/curl-$port-$n.cfg")
  ok=$(awk -v n="$n" -v w="$want" '$1 == 200 && $2 == w {k++} END {print (NR == n && k == n) ? "ok" : "BAD:" NR "/" k}' "$WORK/curl.log")
  [ "$ok" = ok ] || echo "curl $kase: $ok lines/200s of $n; first: $(head -2 "$WORK/curl.log")" >&2
  read -r served conns < <(served "$(case_protocol "$kase")")
  [ "$served" = "$n" ] || echo "curl $kase: nginx served $served requests for $n items" >&2
  record "$kase" curl "$n" "$c" "$wall" "$user" "$sys" "$rss" "$ncpu" "$ok" "$served" "$conns" -
}

items_of() { case $1 in cron-*) echo "$CRON_ITEMS" ;; *) echo "$ITEMS" ;; esac; }
conc_of() { case $1 in cron-*) echo 64 ;; *) echo "${1##*-}" ;; esac; }

SEND_CASES=()
for k in $CASES; do
  case $k in
    h1-64 | h2-64 | h1-256 | h2-256 | cron-h1 | cron-h2) SEND_CASES+=("$k") ;;
    one) ;;
    *) echo "unknown case $k (h1-64 h2-64 h1-256 h2-256 cron-h1 cron-h2 one)" >&2 && exit 2 ;;
  esac
done
need
make_certificates
BS=${BATCHSEND:-$(launcher)}
AB=0
if [ -n "${BATCHSEND_B:-}" ] || [ -n "${JAVA_OPTS_B:-}" ]; then AB=1; fi
BS_B=${BATCHSEND_B:-$BS}
echo "batchsend: $BS JAVA_OPTS='${JAVA_OPTS:-}'" >&2
[ "$AB" = 1 ] && echo "batchsend B: $BS_B JAVA_OPTS='${JAVA_OPTS_B:-${JAVA_OPTS:-}}'" >&2
start_nginx
# The launcher makes its class-data archive at its first run: not inside a measurement.
echo item1 >"$WORK/one.txt"
"$BS" -q -o "$WORK/warm.log" -u "http://127.0.0.1:$PLAIN/{data}" "$WORK/one.txt"
[ "$AB" = 1 ] && JAVA_OPTS=${JAVA_OPTS_B:-${JAVA_OPTS:-}} "$BS_B" -q -o "$WORK/warm.log" \
  -u "http://127.0.0.1:$PLAIN/{data}" "$WORK/one.txt"

for n in $(for k in "${SEND_CASES[@]}"; do items_of "$k"; done | sort -u); do
  seq 1 "$n" | sed 's/^/item/' >"$WORK/items$n.txt"
  for port in "$H1" "$H2"; do
    awk -v p="$port" '{print "url = \"https://127.0.0.1:" p "/" $1 "\"\noutput = \"/dev/null\""}' \
      "$WORK/items$n.txt" >"$WORK/curl-$port-$n.cfg"
  done
done

: >"$WORK/results"
for round in $(seq "$ROUNDS"); do
  echo "round $round/$ROUNDS" >&2
  for k in "${SEND_CASES[@]}"; do
    n=$(items_of "$k")
    c=$(conc_of "$k")
    # The order alternates between rounds, so that what ran just before (a warm or cold CPU,
    # another helper's build) falls on each tool alike.
    if [ $((round % 2)) -eq 1 ]; then
      run_batchsend "$k" "$n" "$c" batchsend "$BS" "${JAVA_OPTS:-}"
      [ "$AB" = 1 ] && run_batchsend "$k" "$n" "$c" batchsend-B "$BS_B" "${JAVA_OPTS_B:-${JAVA_OPTS:-}}"
      run_curl "$k" "$n" "$c"
    else
      run_curl "$k" "$n" "$c"
      [ "$AB" = 1 ] && run_batchsend "$k" "$n" "$c" batchsend-B "$BS_B" "${JAVA_OPTS_B:-${JAVA_OPTS:-}}"
      run_batchsend "$k" "$n" "$c" batchsend "$BS" "${JAVA_OPTS:-}"
    fi
  done
done

if [[ " $CASES " == *" one "* ]]; then
  for i in $(seq 5); do
    # A and B alternate here too.
    read -r wall user sys rss ncpu < <(timed "$BS" -q -o "$WORK/one.log" \
      -u "http://127.0.0.1:$PLAIN/{data}" "$WORK/one.txt")
    record one batchsend 1 1 "$wall" "$user" "$sys" "$rss" "$ncpu" ok 1 0 -
    if [ "$AB" = 1 ]; then
      read -r wall user sys rss ncpu < <(JAVA_OPTS=${JAVA_OPTS_B:-${JAVA_OPTS:-}} timed "$BS_B" -q \
        -o "$WORK/one.log" -u "http://127.0.0.1:$PLAIN/{data}" "$WORK/one.txt")
      record one batchsend-B 1 1 "$wall" "$user" "$sys" "$rss" "$ncpu" ok 1 0 -
    fi
  done
fi

[ "$KEEP" = 1 ] && cp "$WORK/results" "$WORK/results.raw"
python3 - "$WORK/results" "$ROUNDS" "$NGINX_WORKERS" <<'PY'
import collections, statistics, sys
rows = collections.defaultdict(list)
order = []
for line in open(sys.argv[1]):
    kase, tool, n, c, wall, user, sys_, rss, ncpu, ok, served, conns, first = line.split()
    if kase not in order:
        order.append(kase)
    rows[(kase, tool)].append(dict(n=int(n), c=int(c), wall=float(wall), cpu=float(user) + float(sys_),
                                   rss=int(rss) / 1024, ncpu=float(ncpu), ok=ok == "ok",
                                   served=int(served) if served.isdigit() else -1, conns=int(conns),
                                   first=float(first) if first != "-" else 0.0))
med = lambda vals, key: statistics.median(v[key] for v in vals)
names = {"h1": "HTTP/1.1 TLS", "h2": "HTTP/2"}
def label(kase, n, c):
    proto = names[kase[-2:]] if kase.startswith("cron") else names[kase[:2]]
    return f"{proto}, C={c}, {n:,}" + (" (cron-sized)" if kase.startswith("cron") else "")
print(f"medians of {sys.argv[2]} alternating rounds; nginx worker_processes {sys.argv[3]}; "
      "ideal wall = items x 20 ms / C; efficiency = ideal / wall")
print()
print("| case | batchsend wall | curl wall | wall ratio | batchsend CPU | curl CPU | CPU ratio "
      "| batchsend RSS | curl RSS | ideal | efficiency batchsend / curl | batchsend 1st response "
      "| TLS connections batchsend / curl | nginx CPU batchsend / curl | logs |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
tools = sorted({t for _, t in rows if t.startswith("batchsend")})
for kase in order:
    if kase == "one":
        continue
    curl = rows.get((kase, "curl"))
    for tool in tools:
        bs = rows.get((kase, tool))
        if not bs or not curl:
            continue
        n, c = bs[0]["n"], bs[0]["c"]
        ideal = n * 0.02 / c
        bw, cw, bc, cc = med(bs, "wall"), med(curl, "wall"), med(bs, "cpu"), med(curl, "cpu")
        # "all 200": each log has one line per item, each a 200, and nginx saw the case's protocol;
        # "+k retried": nginx served k more requests than items in some run (a client retry).
        ok = "all 200" if all(v["ok"] and v["served"] >= 0 for v in bs + curl) else "MISMATCH"
        extra = max(v["served"] - n for v in bs + curl)
        if extra > 0:
            ok += f" (+{extra} retried)"
        name = label(kase, n, c) + ("" if tool == "batchsend" else f" [{tool}]")
        print(f"| {name} | {bw:.2f} s | {cw:.2f} s | {bw / cw:.2f}x | {bc:.2f} s | {cc:.2f} s "
              f"| {bc / cc:.2f}x | {med(bs, 'rss'):.0f} MB | {med(curl, 'rss'):.0f} MB | {ideal:.2f} s "
              f"| {ideal / bw:.0%} / {ideal / cw:.0%} | {med(bs, 'first'):.2f} s "
              f"| {med(bs, 'conns'):.0f} / {med(curl, 'conns'):.0f} "
              f"| {med(bs, 'ncpu'):.2f} / {med(curl, 'ncpu'):.2f} s | {ok} |")
if len(tools) > 1:
    print()
    print("| case | B / A wall | B / A CPU | B / A RSS |")
    print("| --- | ---: | ---: | ---: |")
    for kase in order:
        a, b = rows.get((kase, "batchsend")), rows.get((kase, "batchsend-B"))
        if a and b:
            print(f"| {kase} | {med(b, 'wall') / med(a, 'wall'):.2f}x | {med(b, 'cpu') / med(a, 'cpu'):.2f}x "
                  f"| {med(b, 'rss') / med(a, 'rss'):.2f}x |")
if int(sys.argv[2]) > 1:
    # The spread: on a shared 2-core machine a run's CPU varies by 20-30 % round to round, more
    # than most B / A ratios; read a ratio against it.
    print()
    rng = lambda vals, key, unit: (f"{min(v[key] for v in vals):.2f}-{max(v[key] for v in vals):.2f}"
                                   + unit)
    for kase in order:
        if kase == "one":
            continue
        parts = [f"{tool} wall {rng(rows[(kase, tool)], 'wall', ' s')}, CPU "
                 f"{rng(rows[(kase, tool)], 'cpu', ' s')}"
                 for tool in tools + ["curl"] if (kase, tool) in rows]
        print(f"- {kase}, min-max over the rounds: " + "; ".join(parts))
for tool in tools:
    one = rows.get(("one", tool))
    if one:
        walls = " ".join(f"{v['wall']:.2f}" for v in one)
        print(f"\n- one-item plaintext run ({tool}): median wall {med(one, 'wall'):.2f} s "
              f"(runs: {walls}), CPU {med(one, 'cpu'):.2f} s, RSS {med(one, 'rss'):.0f} MB")
PY
