#!/usr/bin/env bash
# Fit-step time of the VAE: the all-DL4J network (dense first layer, ND4J Adam, DL4J output layer)
# against the one semhash trains (SparseDenseLayer, FastAdam, SoftmaxDecoderLayer), same JVM, rounds
# interleaved.   bench/train_step.sh [batch] [steps] [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-1}
# the kernels `semhash train` relaunches itself with, chosen by io.semhash.cli.OpenBlasCore itself
if [ -z "${OPENBLAS_CORETYPE:-}" ]; then
  core=$(java -cp target/classes io.semhash.cli.OpenBlasCore)
  if [ -n "$core" ]; then export OPENBLAS_CORETYPE=$core; fi
fi
echo "OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset}"
cp=$(bench/test-classpath.sh)
java -cp "$cp" io.semhash.bench.StepBench 10000 "${1:-64}" "${2:-10}" "${3:-5}"
