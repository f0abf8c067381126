#!/usr/bin/env bash
# Load test of GET /api/search: wrk, 60 s at 64 connections by default, with varied real queries
# (bench/search_queries.lua), against `semhash serve` on an index directory. Passes when every
# answer was a 2xx and the live heap after the run (after a forced full GC) is within 20% of the
# live heap before it (after warm-up and a forced full GC).
#   bench/wrk_load.sh INDEX_DIR [seconds] [connections]
# Needs wrk (apt-get install -y wrk), jcmd (the JDK) and a packaged jar (mvn -o -DskipTests package).
set -euo pipefail
cd "$(dirname "$0")/.."
index=${1:?usage: bench/wrk_load.sh INDEX_DIR [seconds] [connections]}
secs=${2:-60}
conns=${3:-64}
port=${PORT:-7392}
log=/tmp/semhash-wrk-load-server.log
OMP_NUM_THREADS=1 java -jar target/semhash.jar serve --index "$index" --port "$port" > "$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 240); do curl -sf "http://127.0.0.1:$port/api/health" > /dev/null && break; sleep 0.5; done

# live heap in KiB after a forced full GC
live_heap() {
  jcmd "$server" GC.run > /dev/null
  sleep 1
  jcmd "$server" GC.heap_info | grep -oE 'used [0-9]+K' | head -1 | grep -oE '[0-9]+'
}

wrk -t2 -c"$conns" -d10s -s bench/search_queries.lua "http://127.0.0.1:$port" > /dev/null   # JIT warm-up
before=$(live_heap)
echo "== GET /api/search (semantic, k=10, 20 varied queries), ${secs}s, ${conns} connections"
out=$(wrk -t2 -c"$conns" -d"${secs}s" --timeout 10s --latency -s bench/search_queries.lua "http://127.0.0.1:$port")
echo "$out"
after=$(live_heap)
non2xx=$(echo "$out" | grep -oE 'Non-2xx or 3xx responses: [0-9]+' | grep -oE '[0-9]+$' || echo 0)
status_errors=$(echo "$out" | grep -oE 'status [0-9]+ timeout' | grep -oE '[0-9]+' || echo 0)
growth=$(awk -v a="$after" -v b="$before" 'BEGIN { printf "%.1f", 100 * (a - b) / b }')
echo "== live heap after forced GC: before ${before} KiB, after ${after} KiB (${growth}%)"
echo "== non-2xx: ${non2xx}"
if [ "$non2xx" != 0 ] || [ "$status_errors" != 0 ]; then
  echo "FAIL: non-2xx answers"; exit 1
fi
if awk -v g="$growth" 'BEGIN { exit !(g > 20) }'; then
  echo "FAIL: live heap grew by more than 20%"; exit 1
fi
echo "PASS"
