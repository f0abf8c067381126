#!/usr/bin/env bash
# Retrieval quality on the embedded 20 Newsgroups corpus: train + eval per (bits, estimator, seed).
#   bench/quality.sh "64 32" "zgr st stgs" "42 43 44" [extra train flags...]
# Prints one line per run (P@100 and mAP@100 of the model, tf-idf cosine and LSH from the same
# `semhash eval` run) and keeps the JSON reports in bench/out/. Needs `mvn -q -DskipTests package`.
set -euo pipefail
cd "$(dirname "$0")/.."
bits_list=${1:-64}
estimators=${2:-zgr}
seeds=${3:-42}
shift $(( $# < 3 ? $# : 3 ))
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-1}
mkdir -p bench/out
printf "%-5s %-6s %-5s %8s %8s %8s %8s %7s %6s %5s\n" bits est seed P@100 mAP@100 tfidf lsh epochs train_s dead
for bits in $bits_list; do
  for est in $estimators; do
    for seed in $seeds; do
      name="b${bits}-${est}-s${seed}"
      java -jar target/semhash.jar train --bits "$bits" --estimator "$est" --seed "$seed" --out "bench/out/$name" --json "$@" \
        > "bench/out/$name.train.json" 2> "bench/out/$name.train.log"
      java -jar target/semhash.jar eval --model "bench/out/$name" --json > "bench/out/$name.eval.json" 2> /dev/null
      python3 - "$bits" "$est" "$seed" "bench/out/$name" <<'PY'
import json, sys
bits, est, seed, base = sys.argv[1:]
ev = json.load(open(base + ".eval.json")); tr = json.load(open(base + ".train.json"))
m = {x["method"]: x for x in ev["methods"]}
print(f"{bits:<5} {est:<6} {seed:<5} {m['semhash']['precision']:8.4f} {m['semhash']['map']:8.4f} "
      f"{m['tfidf-cosine']['precision']:8.4f} {m['lsh']['precision']:8.4f} {tr['best_epoch']:>3}/{len(tr['history']):<3} {tr['training_seconds']:6.0f} {ev.get('dead_bits', -1):5d}")
PY
    done
  done
done
