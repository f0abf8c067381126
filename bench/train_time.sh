#!/usr/bin/env bash
# Wall time of `semhash train` on the embedded 20 Newsgroups corpus at 64 bits, default recipe:
# per-epoch training seconds (validation excluded) and the whole command (corpus analysis,
# neighbours, training, validation, saving).   bench/train_time.sh [epochs]   (no argument: the
# default training, early stopping included). Needs `mvn -q -DskipTests package`; JAR=path/to/semhash.jar
# times another build (an older commit's, for an A/B on the same machine).
set -euo pipefail
cd "$(dirname "$0")/.."
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-1}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
epochs=()
if [ $# -gt 0 ]; then epochs=(--epochs "$1"); fi
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
start=$(date +%s.%N)
java -jar "${JAR:-target/semhash.jar}" train --corpus data/20news-bydate.tar.gz --bits 64 "${epochs[@]}" --out "$out/model" --json \
  > "$out/train.json" 2> "$out/train.log"
end=$(date +%s.%N)
echo "load after:  $(cut -d' ' -f1-3 /proc/loadavg)"
grep -m1 "OpenBLAS kernels" "$out/train.log" || echo "OpenBLAS kernels: OpenBLAS's own choice (OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset})"
python3 - "$out/train.json" "$start" "$end" <<'PY'
import json, sys
t = json.load(open(sys.argv[1])); wall = float(sys.argv[3]) - float(sys.argv[2])
f = lambda d, snake, camel: d.get(snake, d.get(camel))  # camelCase: a build from before the CLI printed the API's JSON
h = t["history"]
print("epoch seconds (training only):", " ".join(f"{e['seconds']:.1f}" for e in h))
s = sorted(e["seconds"] for e in h)
print(f"median epoch {s[len(s) // 2]:.1f} s over {len(h)} epochs (rows per epoch: 2 x 10,173 with the neighbour pairs)")
print(f"best epoch {f(t, 'best_epoch', 'bestEpoch')}, validation P@100 {max(f(e, 'validation_precision', 'validationPrecision') for e in h):.4f}")
print(f"training {f(t, 'training_seconds', 'trainingSeconds'):.0f} s; whole command {wall:.0f} s")
PY
