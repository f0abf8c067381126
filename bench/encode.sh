#!/usr/bin/env bash
# Encoding throughput (tokenise + vectorise + encoder forward) over the embedded corpus, with the
# text-only work as the anchor in the same run.   bench/encode.sh MODEL_DIR [CORPUS] [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-1}
cp=$(bench/test-classpath.sh)
java -cp "$cp" io.semhash.bench.EncodeBench "$@"
