#!/usr/bin/env bash
# Fit-step time of the VAE: the all-DL4J network (dense first layer, ND4J Adam, DL4J output layer)
# against the one semhash trains (SparseDenseLayer, FastAdam, SoftmaxDecoderLayer), same JVM, rounds
# interleaved.   bench/train_step.sh [batch] [steps] [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-1}
# the kernels `semhash train` relaunches itself with (io.semhash.cli.OpenBlasCore); Prescott = OpenBLAS's own pick here
if [ -z "${OPENBLAS_CORETYPE:-}" ]; then
  flags=$(grep -m1 '^flags' /proc/cpuinfo)
  if [[ $flags == *avx512f* && $flags == *avx512cd* && $flags == *avx512bw* && $flags == *avx512dq* && $flags == *avx512vl* ]]; then
    export OPENBLAS_CORETYPE=SkylakeX
  elif [[ $flags == *avx2* && $flags == *fma* ]]; then
    export OPENBLAS_CORETYPE=Haswell
  fi
fi
echo "OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset}"
cp=$(bench/test-classpath.sh)
java -cp "$cp" io.semhash.bench.StepBench 10000 "${1:-64}" "${2:-10}" "${3:-5}"
