#!/usr/bin/env bash
# Load benchmark of GET /api/search: wrk with varied real queries against a served index.
#   bench/wrk_search.sh INDEX_DIR [seconds] [connections]
# Anchor in the same run: GET /api/health (no search work) at the same load, so the ratio shows
# what a search costs over the HTTP stack. Needs `apt-get install -y wrk` and a packaged jar.
set -euo pipefail
cd "$(dirname "$0")/.."
index=${1:?usage: bench/wrk_search.sh INDEX_DIR [seconds] [connections]}
secs=${2:-30}
conns=${3:-64}
port=${PORT:-7391}
OMP_NUM_THREADS=1 java -jar target/semhash.jar serve --index "$index" --port "$port" > /tmp/semhash-wrk-server.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 120); do curl -sf "http://127.0.0.1:$port/api/health" > /dev/null && break; sleep 0.5; done
curl -sf "http://127.0.0.1:$port/api/health" > /dev/null || { echo "server did not come up:" >&2; tail -5 /tmp/semhash-wrk-server.log >&2; exit 1; }
curl -sf "http://127.0.0.1:$port/api/search?q=warmup&k=10" > /dev/null
wrk -t2 -c"$conns" -d5s -s bench/search_queries.lua "http://127.0.0.1:$port" > /dev/null   # JIT warm-up
echo "== anchor: GET /api/health, ${secs}s, ${conns} connections"
wrk -t2 -c"$conns" -d"${secs}s" --latency "http://127.0.0.1:$port/api/health" | grep -E "Requests/sec|99%|Non-2xx|Socket errors" || true
echo "== GET /api/search (semantic, k=10, varied queries from bench/search_queries.lua), ${secs}s, ${conns} connections"
wrk -t2 -c"$conns" -d"${secs}s" -s bench/search_queries.lua "http://127.0.0.1:$port"
