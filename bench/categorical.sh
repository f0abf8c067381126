#!/usr/bin/env bash
# Binary against categorical codes on the embedded 20 Newsgroups corpus, per stored bits, code,
# estimator and seed: train (the configuration's epochs and early stopping on validation P@100,
# 40 and patience 5 by default, the best validation epoch kept; extra flags such as --epochs 3
# override) then `semhash eval` (test P@100 by Hamming or symbol distance).
#   bench/categorical.sh "64" "binary c4 c16 c256" "zgr st" "42 43 44" [extra train flags...]
# Codes: binary; cN = --code categorical --classes N (groups = bits / log2 N). Runs one training
# at a time, under nice 10 on one core (--threads 1, a JVM that sees one processor: the model is
# the same on any number of threads), on a copy of the jar taken at the first run (the same build
# for every row; its commit is kept in $out/JAR_COMMIT). Prints one line per run and keeps the
# JSON and logs in bench/out/categorical/ (OUT=... for another directory); a run whose eval JSON
# exists is not run again; none starts after STOP_AT=HH:MM (UTC) when set. Needs `mvn -q -DskipTests package`.
set -euo pipefail
cd "$(dirname "$0")/.."
bits_list=${1:-64}
codes=${2:-"binary c4 c16"}
estimators=${3:-"zgr st"}
seeds=${4:-42}
shift $(( $# < 4 ? $# : 4 ))
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-1}
out=${OUT:-bench/out/categorical}
mkdir -p "$out"
jar=$out/semhash.jar
if [ ! -f "$jar" ]; then
  cp target/semhash.jar "$jar"
  cp -al target/lib "$out/lib" 2>/dev/null || cp -r target/lib "$out/lib"  # the jar's Class-Path: lib/
  echo "$(git rev-parse HEAD)$(git diff --quiet HEAD -- src pom.xml || echo ' (uncommitted changes in src)')" > "$out/JAR_COMMIT"
fi
java=(nice -n 10 java -XX:ActiveProcessorCount=1 -jar "$jar")
printf "%-5s %-7s %-4s %-5s %8s %8s %8s %9s %9s %7s %7s\n" bits code est seed P@100 mAP@100 val@100 loss recon epochs train_s
for bits in $bits_list; do
  for code in $codes; do
    for est in $estimators; do
      for seed in $seeds; do
        case "$code" in
          binary) flags=(--code binary) ;;
          c*) flags=(--code categorical --classes "${code#c}") ;;
        esac
        name="b${bits}-${code}-${est}-s${seed}"
        if [ ! -f "$out/$name.eval.json" ]; then
          if [ -n "${STOP_AT:-}" ] && [ "$(date -u +%s)" -ge "$(date -u -d "$STOP_AT" +%s)" ]; then
            echo "$name not started: past STOP_AT $STOP_AT"; continue
          fi
          start=$(date -u +%FT%TZ)
          "${java[@]}" train --threads 1 --bits "$bits" "${flags[@]}" --estimator "$est" --seed "$seed" --out "$out/$name" --json "$@" \
            > "$out/$name.train.json" 2> "$out/$name.train.log"
          "${java[@]}" eval --model "$out/$name" --json > "$out/$name.eval.json.part" 2> "$out/$name.eval.log"
          mv "$out/$name.eval.json.part" "$out/$name.eval.json"
          echo "$name start $start end $(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg)" >> "$out/runs.log"
        fi
        python3 - "$bits" "$code" "$est" "$seed" "$out/$name" <<'PY'
import json, sys
bits, code, est, seed, base = sys.argv[1:]
ev = json.load(open(base + ".eval.json")); tr = json.load(open(base + ".train.json"))
m = {x["method"]: x for x in ev["methods"]}
h = tr["history"]; best = max(h, key=lambda e: e["validation_precision"])
print(f"{bits:<5} {code:<7} {est:<4} {seed:<5} {m['semhash']['precision']:8.4f} {m['semhash']['map']:8.4f} "
      f"{best['validation_precision']:8.4f} {h[-1]['loss']:9.2f} {h[-1]['reconstruction']:9.2f} {tr['best_epoch']:>3}/{len(h):<3} {tr['training_seconds']:7.0f}")
PY
      done
    done
  done
done
