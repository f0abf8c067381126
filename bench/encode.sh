#!/usr/bin/env bash
# Encoding throughput (tokenise + vectorise + encoder forward) over the embedded corpus, with the
# text-only work as the anchor in the same run.   bench/encode.sh MODEL_DIR [CORPUS] [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-1}
mkdir -p target/bench-classes
javac -d target/bench-classes -cp "target/classes:target/lib/*" bench/java/io/semhash/bench/EncodeBench.java
java -cp "target/bench-classes:target/classes:target/lib/*" io.semhash.bench.EncodeBench "$@"
