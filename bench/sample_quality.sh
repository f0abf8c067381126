#!/usr/bin/env bash
# P@100 on 20 Newsgroups of models trained on a sample of the train split (semhash train --sample N),
# evaluated against the whole train split as usual (queries: the test split).
#   bench/sample_quality.sh "25 50 100" [extra train flags...]
# Prints one line per fraction and keeps the JSON reports in bench/out/. Needs `mvn -q -DskipTests package`;
# JAR=path/to/semhash.jar runs another build (a copy keeps a long run safe from a rebuild of target/).
set -euo pipefail
cd "$(dirname "$0")/.."
fractions=${1:-"25 50 100"}
shift $(( $# < 1 ? $# : 1 ))
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-1}
jar=${JAR:-target/semhash.jar}
mkdir -p bench/out
train_docs=11314 # the train split of 20news-bydate
printf "%-8s %7s %8s %8s %7s %7s\n" sample docs P@100 mAP@100 epochs train_s
for f in $fractions; do
  n=$(( (train_docs * f + 50) / 100 ))
  name="sample${f}"
  java -jar "$jar" train --sample "$n" --out "bench/out/$name" --json "$@" \
    > "bench/out/$name.train.json" 2> "bench/out/$name.train.log"
  java -jar "$jar" eval --model "bench/out/$name" --json > "bench/out/$name.eval.json" 2> /dev/null
  python3 - "$f" "$n" "bench/out/$name" <<'PY'
import json, sys
f, n, base = sys.argv[1:]
ev = json.load(open(base + ".eval.json")); tr = json.load(open(base + ".train.json"))
m = {x["method"]: x for x in ev["methods"]}
print(f"{f + '%':<8} {n:>7} {m['semhash']['precision']:8.4f} {m['semhash']['map']:8.4f} {tr['best_epoch']:>3}/{len(tr['history']):<3} {tr['training_seconds']:7.0f}")
PY
done
