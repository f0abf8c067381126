#!/usr/bin/env bash
# Benchmark: read + analyse + vectorise the embedded corpus (semhash corpus-stats), against an
# anchor measured in the same run: plain decompression of the same archive (gzip -dc | tar -x to
# stdout), the least any reader can do. Needs `mvn -q -DskipTests package` first.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-data/20news-bydate.tar.gz}
runs=${RUNS:-3}
for i in $(seq "$runs"); do
  a0=$(date +%s.%N); tar xzf "$corpus" -O > /dev/null; a1=$(date +%s.%N)
  s0=$(date +%s.%N); java -jar target/semhash.jar corpus-stats --corpus "$corpus" --json > /tmp/semhash-corpus-stats.json; s1=$(date +%s.%N)
  python3 - "$a0" "$a1" "$s0" "$s1" <<'PY'
import json, sys
a0, a1, s0, s1 = map(float, sys.argv[1:])
inner = json.load(open('/tmp/semhash-corpus-stats.json'))['seconds']
print(f"anchor tar -xzO: {a1-a0:.2f} s | corpus-stats wall (JVM start included): {s1-s0:.2f} s | "
      f"read+analyse+vectorise inside: {inner:.2f} s | ratio inside/anchor: {inner/(a1-a0):.1f}x")
PY
done
