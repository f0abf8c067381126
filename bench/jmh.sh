#!/usr/bin/env bash
# JMH micro-benchmarks (bench/java/io/semhash/bench/*Benchmark.java), run from the test class path
# that `mvn test` compiles them into.
#   bench/jmh.sh [regex] [extra JMH args]
#   e.g. bench/jmh.sh HammingKnn -p bits=64 -wi 2 -i 3     bench/jmh.sh -l (list)   bench/jmh.sh -h (JMH's options)
# OMP_NUM_THREADS defaults to 1 (ND4J's OpenMP threads oversubscribe the shared cores); the forks inherit it.
set -euo pipefail
cd "$(dirname "$0")/.."
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-1}
cp=$(bench/test-classpath.sh)
exec java -cp "$cp" org.openjdk.jmh.Main "$@"
