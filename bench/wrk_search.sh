#!/usr/bin/env bash
# Load benchmark of GET /api/search: wrk with varied real queries against a served index, over
# one or more connection counts, each with its anchor in the same run.
#   bench/wrk_search.sh INDEX_DIR [seconds] [connections ...]
#   e.g. bench/wrk_search.sh INDEX 30 10 16 32 64     (default: 30 s at 10 connections, wrk's own default)
# For each connection count: the anchor GET /api/health (no search work) for min(seconds, 10) s
# at that load, so the ratio shows what a search costs over the HTTP stack, then the search run.
# Ends with one table (connections, req/s, p50/p90/p99/max, errors, server CPU per request from
# /proc/PID/stat around the search run, anchor, load average). CPU per request holds up better than
# req/s when something else shares the cores.
# Environment: JAR (default target/semhash.jar; its lib/ must sit beside it), JAVA_OPTS (extra JVM
# flags, e.g. a JFR recording), SERVE_ARGS (extra `serve` flags), PORT. Needs
# `apt-get install -y wrk` and a packaged jar (mvn -q -o -DskipTests package).
set -euo pipefail
cd "$(dirname "$0")/.."
index=${1:?usage: bench/wrk_search.sh INDEX_DIR [seconds] [connections ...]}
secs=${2:-30}
shift $(( $# >= 2 ? 2 : 1 ))
conn_list=("${@:-10}")
[ ${#conn_list[@]} -gt 0 ] || conn_list=(10)
anchor_secs=$(( secs < 10 ? secs : 10 ))
port=${PORT:-7391}
jar=${JAR:-target/semhash.jar}
url="http://127.0.0.1:$port"
log=/tmp/semhash-wrk-server.log
# shellcheck disable=SC2086
OMP_NUM_THREADS=1 java ${JAVA_OPTS:-} -jar "$jar" serve --index "$index" --port "$port" ${SERVE_ARGS:-} > "$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
# user + system CPU of the server so far, in clock ticks (fields 14 and 15 of /proc/PID/stat)
server_cpu_ticks() { sed 's/.*) //' "/proc/$server/stat" | awk '{ print $12 + $13 }'; }
for _ in $(seq 120); do curl -sf "$url/api/health" > /dev/null && break; sleep 0.5; done
curl -sf "$url/api/health" > /dev/null || { echo "server did not come up:" >&2; tail -5 "$log" >&2; exit 1; }
curl -sf "$url/api/search?q=warmup&k=10" > /dev/null
wrk -t2 -c"${conn_list[-1]}" -d5s -s bench/search_queries.lua "$url" > /dev/null   # JIT warm-up
echo "jar $jar, JAVA_OPTS '${JAVA_OPTS:-}', SERVE_ARGS '${SERVE_ARGS:-}', index $index"
table="| connections | search req/s | p50 | p90 | p99 | max | errors | server CPU per request | anchor /api/health req/s | load average (1 min, before → after) |
|---|---|---|---|---|---|---|---|---|---|"
for conns in "${conn_list[@]}"; do
  load_before=$(cut -d' ' -f1 /proc/loadavg)
  echo "== anchor: GET /api/health, ${anchor_secs}s, ${conns} connections"
  anchor=$(wrk -t2 -c"$conns" -d"${anchor_secs}s" --latency "$url/api/health")
  echo "$anchor" | grep -E "Requests/sec|99%|Non-2xx|Socket errors" || true
  anchor_rps=$(echo "$anchor" | awk '/Requests\/sec/ { printf "%.0f", $2 }')
  echo "== GET /api/search (semantic, k=10, varied queries from bench/search_queries.lua), ${secs}s, ${conns} connections"
  cpu_before=$(server_cpu_ticks)
  out=$(wrk -t2 -c"$conns" -d"${secs}s" -s bench/search_queries.lua "$url")
  cpu_after=$(server_cpu_ticks)
  echo "$out"
  load_after=$(cut -d' ' -f1 /proc/loadavg)
  # wrk counts every answer with a status of 400 or more under "status"
  row=$(echo "$out" | awk '
    /^errors:/ { e = $3 + $5 + $7 + $9 + $11 }
    /^throughput/ { rps = $2; p50 = $6; p90 = $9; p99 = $12; max = $15 }
    /^requests/ { n = $2 }
    END { printf "%s | %s ms | %s ms | %s ms | %s ms | %d | %.2f ms", rps, p50, p90, p99, max, e,
      1000 * (cpu_after - cpu_before) / ticks / n }' cpu_before="$cpu_before" cpu_after="$cpu_after" ticks="$(getconf CLK_TCK)")
  table+=$'\n'"| $conns | $row | $anchor_rps | $load_before → $load_after |"
done
echo
echo "$table"
