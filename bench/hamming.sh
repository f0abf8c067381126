#!/usr/bin/env bash
# Hamming index benchmark, run from the test class path (bench/test-classpath.sh).
# Usage: bench/hamming.sh [--n 100000,1000000] [--bits 64,128,256] [--k 10,100] [--seconds 2] [--queries 1000] [--export DIR]
#        bench/hamming.sh --model MODEL_DIR [--corpus data/20news-bydate.tar.gz] [--k 10,100] [--seconds 2] [--export DIR]
#          (real codes: train split = database, test split = queries; n and bits from the corpus and model)
# Extra JVM options via JAVA_OPTS (default -Xmx12g).
set -euo pipefail
cd "$(dirname "$0")/.."
CP=$(bench/test-classpath.sh)
exec java ${JAVA_OPTS:--Xmx12g} -cp "$CP" io.semhash.bench.HammingBench "$@"
