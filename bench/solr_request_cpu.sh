#!/usr/bin/env bash
# CPU time per GET /api/search request, by process: `semhash serve --solr` over a local cluster
# (scale/solr/local-cluster.sh) and the Solr cluster's JVM, from /proc/PID/stat over the requests
# one wrk run serves (bench/search_queries.lua, rerank=none). Compare with `serve --index` by
# LOCAL=1 (the server alone).
#   bench/solr_request_cpu.sh INDEX_DIR [seconds] [connections] [shards]
# Needs wrk, a packaged core (mvn -q -o -DskipTests install), scale/solr compiled.
set -euo pipefail
cd "$(dirname "$0")/.."
index=${1:?usage: bench/solr_request_cpu.sh INDEX_DIR [seconds] [connections] [shards]}
secs=${2:-10}
conns=${3:-1}
shards=${4:-1}
jar=${JAR:-target/semhash.jar}
port=7394
url="http://127.0.0.1:$port"
work=$(mktemp -d /tmp/semhash-solr-cpu.XXXX)
server=
cluster=
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null || true
  if [ -n "$cluster" ]; then echo quit >&9 || true; wait "$cluster" 2>/dev/null || true; fi
}
trap cleanup EXIT
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
if [ -n "${LOCAL:-}" ]; then
  # the launcher may relaunch the JVM with OPENBLAS_CORETYPE set: set it here so the pid is the server's
  OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-Haswell} OMP_NUM_THREADS=1 \
    java -jar "$jar" serve --port "$port" --index "$index" > "$work/serve.log" 2>&1 &
  server=$!
else
  fifo=$work/cluster.in
  mkfifo "$fifo"
  scale/solr/local-cluster.sh --nodes 1 --dir "$work/cluster" < "$fifo" > "$work/cluster.out" 2> "$work/cluster.err" &
  cluster=$!
  exec 9> "$fifo"
  for _ in $(seq 240); do grep -q '^ready' "$work/cluster.out" && break; sleep 0.5; done
  solr=$(awk '/^node 0 / { print $3 }' "$work/cluster.out")
  java -jar "$jar" solr-load --index "$index" --solr "$solr" --collection cpu --shards "$shards" --replicas 1 2>/dev/null
  OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-Haswell} OMP_NUM_THREADS=1 \
    java -jar "$jar" serve --port "$port" --solr "$solr" --collection cpu --model "$index" > "$work/serve.log" 2>&1 &
  server=$!
fi
for _ in $(seq 240); do curl -sf "$url/api/health" > /dev/null && break; sleep 0.5; done
wrk -t1 -c"$conns" -d5s -s bench/search_queries.lua "$url" > /dev/null   # warm-up
solrpid=$(pgrep -f io.semhash.solr.LocalCluster | head -1 || true)
a1=$(ticks "$server"); b1=${solrpid:+$(ticks "$solrpid")}
out=$(wrk -t1 -c"$conns" -d"${secs}s" -s bench/search_queries.lua "$url")
a2=$(ticks "$server"); b2=${solrpid:+$(ticks "$solrpid")}
n=$(echo "$out" | awk '/^requests/ { print $2 }')
echo "$out" | grep throughput
# clock ticks are 1/100 s: ms per request = ticks * 10 / n
awk -v n="$n" -v a=$((a2 - a1)) -v b=$(( ${b2:-0} - ${b1:-0} )) -v solr="${solrpid:-}" 'BEGIN {
  printf "requests %d; CPU ms per request: semhash server %.2f", n, a * 10 / n
  if (solr != "") printf ", Solr JVM %.2f", b * 10 / n
  printf "\n" }'
