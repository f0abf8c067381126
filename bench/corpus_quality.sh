#!/usr/bin/env bash
# Train one recipe on any corpus and report what model selection may use: validation P@100 per
# epoch (the validation tenth of the train split), epoch seconds, best epoch. With EVAL=1 it also
# runs `semhash eval` (test split: P@100 of the model, exact tf-idf cosine and LSH in the same run);
# use that only for a recipe already chosen on validation.
#   bench/corpus_quality.sh CORPUS NAME [train flags...]       e.g.
#   bench/corpus_quality.sh ../shared/data/debian-packages.jsonl.gz deb-default --bits 64 --epochs 15
# Reports go to bench/out/NAME.{train.json,train.log,eval.json}. JAR=path/to/semhash.jar runs
# another build (a copy keeps a long run safe from a rebuild of target/); CONFIG=FILE gives train
# and eval that configuration (e.g. the build's own copy of config/semhash.yaml).
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=$1
name=$2
shift 2
jar=${JAR:-target/semhash.jar}
config=()
if [ -n "${CONFIG:-}" ]; then config=(--config "$CONFIG"); fi
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-1}
mkdir -p bench/out
java -jar "$jar" train "${config[@]}" --corpus "$corpus" --out "bench/out/$name" --json "$@" \
  > "bench/out/$name.train.json" 2> "bench/out/$name.train.log"
if [ "${EVAL:-0}" = 1 ]; then
  java -jar "$jar" eval "${config[@]}" --model "bench/out/$name" --corpus "$corpus" --json > "bench/out/$name.eval.json" 2> /dev/null
fi
python3 - "bench/out/$name" "$name" <<'PY'
import json, os, sys
base, name = sys.argv[1:]
t = json.load(open(base + ".train.json"))
# --json is snake_case now; reports written before the one API mapper were camelCase
g = lambda o, snake, camel: o[snake] if snake in o else o[camel]
h = t["history"]
val = [g(e, "validation_precision", "validationPrecision") for e in h]
secs = sorted(e["seconds"] for e in h)
print(f"{name}: best val P@100 {max(val):.4f} at epoch {g(t, 'best_epoch', 'bestEpoch')} / {len(h)}; "
      f"median epoch {secs[len(secs) // 2]:.1f} s; training {g(t, 'training_seconds', 'trainingSeconds'):.0f} s; last KL {h[-1]['kl']:.1f}")
print("  val P@100: " + " ".join(f"{v:.3f}" for v in val))
if os.path.exists(base + ".eval.json") and os.path.getmtime(base + ".eval.json") >= os.path.getmtime(base + ".train.json"):
    ev = json.load(open(base + ".eval.json"))
    m = {x["method"]: x for x in ev["methods"]}
    print(f"  test P@100 {m['semhash']['precision']:.4f} (mAP {m['semhash']['map']:.4f}); tf-idf cosine "
          f"{m['tfidf-cosine']['precision']:.4f}; LSH {m['lsh']['precision']:.4f}; dead bits {ev.get('dead_bits', ev.get('deadBits', -1))}")
PY
