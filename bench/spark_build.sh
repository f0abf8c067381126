#!/usr/bin/env bash
# Build throughput: BuildIndexJob on Spark local[1] and local[2] against `semhash index` in one
# process, same model, corpus and machine, interleaved round by round (A/B), so the ratios hold on
# a shared machine even when absolute times do not.
#   bench/spark_build.sh MODEL_DIR CORPUS [ROUNDS=1] [SHARDS=2]
# RUNS chooses the runs of each round (default "semhash-index local[1] local[2]"); a run
# "solr:local[N]" writes into a new SolrCloud collection of SHARDS shards at SOLR (a node URL, e.g.
# scale/solr/local-cluster.sh's http://127.0.0.1:8983/solr), deleted after the run, instead of --out.
# Prints documents/s per run: the documents indexed over the wall time of the whole process (JVM and
# Spark start included), with the load average before each run. Needs `mvn -B install` of the core
# and `mvn -f scale/spark/pom.xml -DskipTests package`; MVN_ARGS passes e.g. -Dmaven.repo.local=...
# PIN=1 runs local[1] on one CPU and local[2] and `semhash index` on two (taskset): unpinned, a
# local[1] JVM still gets the second core for GC, JIT and Lucene's merge threads, so local[2] over
# local[1] then understates what a second core gives. NICE=-10 (root) runs every process ahead of
# the machine's other work, for a sitting that cannot be quiet.
set -euo pipefail
cd "$(dirname "$0")/.."
model=$1
corpus=$2
rounds=${3:-1}
shards=${4:-2}
export OMP_NUM_THREADS=1
cpfile=scale/spark/target/bench-classpath.txt
mvn -B -q -f scale/spark/pom.xml ${MVN_ARGS:-} dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench-classpath.txt > /dev/null
cp="scale/spark/target/classes:$(cat "$cpfile")"
opens="--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
  --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED"
out=work/bench-build
mkdir -p "$out"
printf "%-6s %-14s %10s %9s %12s  %s\n" round run documents seconds documents/s load-before
for r in $(seq 1 "$rounds"); do
  for run in ${RUNS:-semhash-index local[1] local[2]}; do
    rm -rf "$out/idx"
    load=$(cut -d' ' -f1-3 /proc/loadavg)
    pin=()
    if [ "${PIN:-0}" = 1 ]; then
      if [[ "$run" == *"local[1]" ]]; then pin=(taskset -c 0); else pin=(taskset -c 0,1); fi
    fi
    [ -n "${NICE:-}" ] && pin=(nice -n "$NICE" "${pin[@]}")
    t0=$(date +%s.%N)
    if [ "$run" = semhash-index ]; then
      "${pin[@]}" java -Xmx6g -jar target/semhash.jar index --model "$model" --corpus "$corpus" --out "$out/idx" > "$out/run.log" 2>&1
      docs=$(python3 -c "import json;print(json.load(open('$out/idx/index.json'))['documents'])")
    elif [[ "$run" == solr:* ]]; then
      # shellcheck disable=SC2086
      "${pin[@]}" java -Xmx6g $opens -Dspark.master="${run#solr:}" -Dspark.ui.enabled=false -Dspark.driver.memory=6g \
        -Dspark.local.dir="$out/spark-local" -cp "$cp" io.semhash.spark.BuildIndexJob \
        --model "$model" --corpus "$corpus" --solr "${SOLR:?SOLR=URL for the solr: runs}" --collection "bench$r" \
        --shards "$shards" --json > "$out/run.json" 2> "$out/run.log"
      docs=$(python3 -c "import json;print(json.load(open('$out/run.json'))['stored'])")
      curl -sf "$SOLR/admin/collections?action=DELETE&name=bench$r" > /dev/null
    else
      # shellcheck disable=SC2086
      "${pin[@]}" java -Xmx6g $opens -Dspark.master="$run" -Dspark.ui.enabled=false -Dspark.driver.memory=6g \
        -Dspark.local.dir="$out/spark-local" -cp "$cp" io.semhash.spark.BuildIndexJob \
        --model "$model" --corpus "$corpus" --out "$out/idx" --shards "$shards" --json > "$out/run.json" 2> "$out/run.log"
      docs=$(python3 -c "import json;print(json.load(open('$out/run.json'))['encoded'])")
    fi
    t1=$(date +%s.%N)
    python3 - "$r" "$run" "$docs" "$t0" "$t1" "$load" <<'PY'
import sys
r, run, docs, t0, t1, load = sys.argv[1:]
s = float(t1) - float(t0)
print(f"{r:<6} {run:<14} {int(docs):>10,} {s:9.1f} {int(docs) / s:12,.0f}  {load}")
PY
  done
done
rm -rf "$out/idx" "$out/spark-local"
