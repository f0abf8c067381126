#!/usr/bin/env bash
# SolrCloud serving benchmark, in one sitting on a local cluster (scale/solr/local-cluster.sh, 2 nodes):
#  1. GET /api/search (semantic, k=10, the varied queries of bench/search_queries.lua) through wrk
#     against `serve --index` (local backend) and `serve --solr` over a collection of 1 shard and one
#     of 2 shards (1 replica each), one server at a time;
#  2. the plugin's k-NN query inside Solr (QTime, 1 shard) against the in-process search on the
#     same codes (io.semhash.bench.SolrPluginBench), on the index's codes and, with SYNTHETIC=N,
#     on N synthetic clustered 64-bit codes.
#   bench/solr_search.sh INDEX_DIR [seconds] [connections]
# Needs wrk, a packaged core (mvn -q -o -DskipTests install), scale/solr compiled.
set -euo pipefail
cd "$(dirname "$0")/.."
index=${1:?usage: bench/solr_search.sh INDEX_DIR [seconds] [connections]}
secs=${2:-20}
conns=${3:-8}
jar=target/semhash.jar
work=$(mktemp -d /tmp/semhash-solr-bench.XXXX)
fifo=$work/cluster.in
mkfifo "$fifo"
scale/solr/local-cluster.sh --nodes 2 --dir "$work/cluster" < "$fifo" > "$work/cluster.out" 2> "$work/cluster.err" &
cluster=$!
exec 9> "$fifo"
server=
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null || true
  echo quit >&9 || true
  wait "$cluster" 2>/dev/null || true
}
trap cleanup EXIT
for _ in $(seq 240); do grep -q '^ready' "$work/cluster.out" && break; sleep 0.5; done
grep -q '^ready' "$work/cluster.out" || { echo "cluster did not start: $work/cluster.err" >&2; exit 1; }
solr=$(awk '/^node 0 / { print $3 }' "$work/cluster.out")
echo "cluster: $(grep '^node' "$work/cluster.out" | tr '\n' ' ')"
java -jar "$jar" solr-load --index "$index" --solr "$solr" --collection one --shards 1 --replicas 1 2>/dev/null
java -jar "$jar" solr-load --index "$index" --solr "$solr" --collection two --shards 2 --replicas 1 2>/dev/null

port=7393
url="http://127.0.0.1:$port"
table="| backend | req/s | p50 | p90 | p99 | max | errors | load average (1 min) |
|---|---|---|---|---|---|---|---|"
run() { # name, serve arguments...
  local name=$1; shift
  OMP_NUM_THREADS=1 java -jar "$jar" serve --port "$port" "$@" > "$work/serve-$name.log" 2>&1 &
  server=$!
  for _ in $(seq 240); do curl -sf "$url/api/health" > /dev/null && break; sleep 0.5; done
  wrk -t2 -c"$conns" -d5s -s bench/search_queries.lua "$url" > /dev/null   # warm-up
  local out
  out=$(wrk -t2 -c"$conns" -d"${secs}s" -s bench/search_queries.lua "$url")
  echo "== $name"; echo "$out"
  local row
  row=$(echo "$out" | awk '/^errors:/ { e = $3 + $5 + $7 + $9 + $11 }
    /^throughput/ { rps = $2; p50 = $6; p90 = $9; p99 = $12; max = $15 }
    END { printf "%s | %s ms | %s ms | %s ms | %s ms | %d", rps, p50, p90, p99, max, e }')
  table+=$'\n'"| $name | $row | $(cut -d' ' -f1 /proc/loadavg) |"
  kill "$server"; wait "$server" 2>/dev/null || true; server=
}
run "local (--index)" --index "$index"
run "SolrCloud, 1 shard" --solr "$solr" --collection one --model "$index"
run "SolrCloud, 2 shards" --solr "$solr" --collection two --model "$index"
echo; echo "$table"; echo

cp=$(bench/test-classpath.sh)
echo "== plugin query inside Solr vs in-process, index codes"
java -Xmx2g -cp "$cp" io.semhash.bench.SolrPluginBench --solr "$solr" --collection one --index "$index" --queries 500 --k 10 --rounds 5
if [ -n "${SYNTHETIC:-}" ]; then
  echo "== plugin query inside Solr vs in-process, $SYNTHETIC synthetic 64-bit codes"
  java -Xmx3g -cp "$cp" io.semhash.bench.SolrPluginBench --solr "$solr" --collection synthetic --synthetic "$SYNTHETIC" --bits 64 --queries 300 --k 10 --rounds 5
  echo "== the same, random query codes (no stored code near: the scan's worst case)"
  java -Xmx3g -cp "$cp" io.semhash.bench.SolrPluginBench --solr "$solr" --collection synthetic --synthetic "$SYNTHETIC" --bits 64 --queries 300 --k 10 --rounds 5 --queries-from random
fi
