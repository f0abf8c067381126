#!/usr/bin/env bash
# Estimator benchmark and comparison, outside src/main.
#   bench/estimators.sh bench [rounds] [calls]   ZGR vs ST (and others) forward+backward, 64x128 FLOAT
#   bench/estimators.sh compare [seed] [--json]  bias^2 / variance / MSE / cosine / time table
# OMP_NUM_THREADS defaults to 1 here: on the shared 2-core machine ND4J's OpenMP threads
# oversubscribe and small ops get 10-20x slower (set it explicitly to override).
set -euo pipefail
cd "$(dirname "$0")/.."
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
mode="${1:-bench}"; shift || true
cp=$(bench/test-classpath.sh)
case "$mode" in
  bench) main=io.semhash.bench.EstimatorBench ;;
  compare) main=io.semhash.bench.EstimatorComparisonMain ;;
  *) echo "usage: $0 bench|compare [args]" >&2; exit 2 ;;
esac
java -cp "$cp" "$main" "$@" 2>/dev/null
