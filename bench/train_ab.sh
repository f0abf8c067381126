#!/usr/bin/env bash
# A/B of training speed between builds (or settings), interleaved in one sitting: each round runs
# every variant once, in an order that rotates from round to round, `semhash train` on the
# embedded 20 Newsgroups corpus at 64 bits for EPOCHS epochs, same seed. Prints per variant the
# median epoch time (training only, validation excluded) and its ratio to the first variant, the
# validation P@100 after each epoch and the md5 of weights.bin (same md5 = the same model).
#
#   bench/train_ab.sh EPOCHS ROUNDS NAME=JAR[:FLAGS] ...
#   e.g. bench/train_ab.sh 2 3 base=/tmp/semhash-base/target/semhash.jar new=target/semhash.jar \
#          "sampled=target/semhash.jar:--decoder-negatives 512"
#
# The first variant is the anchor. A JAR needs its lib/ beside it (`mvn -q -DskipTests package`).
# Every run starts in an empty directory, so each build trains with its built-in defaults (an older
# build refuses a config/semhash.yaml with keys it does not know).
# OMP_NUM_THREADS=1 unless set; each jar picks its OpenBLAS kernels itself (io.semhash.cli.OpenBlasCore).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ $# -lt 3 ]; then
  sed -n '2,12p' "$0" >&2
  exit 2
fi
epochs=$1
rounds=$2
shift 2
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-1}
variants=("$@")
corpus=$PWD/data/20news-bydate.tar.gz
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
n=${#variants[@]}
for ((round = 0; round < rounds; round++)); do
  for ((i = 0; i < n; i++)); do
    v=${variants[$(((i + round) % n))]}
    name=${v%%=*}
    spec=${v#*=}
    jar=$(realpath "${spec%%:*}")
    flags=""
    if [[ "$spec" == *:* ]]; then flags=${spec#*:}; fi
    load_before=$(cut -d' ' -f1 /proc/loadavg)
    dir="$out/$name-$round"
    # shellcheck disable=SC2086  # FLAGS are words
    if ! (cd "$out" && java -jar "$jar" train --corpus "$corpus" --bits 64 --epochs "$epochs" --seed 42 $flags \
      --out "$dir" --json > "$dir.json" 2> "$dir.log"); then
      tail -3 "$dir.log" >&2
      exit 1
    fi
    load_after=$(cut -d' ' -f1 /proc/loadavg)
    md5=$(md5sum "$dir/weights.bin" | cut -d' ' -f1)
    echo "$name $round $load_before $load_after $md5 $dir.json" >> "$out/runs.txt"
    echo "round $round: $name done (load $load_before -> $load_after)" >&2
  done
done
python3 - "$out/runs.txt" "${variants[@]}" <<'PY'
import json, statistics, sys
runs = [l.split() for l in open(sys.argv[1])]
names = [v.split('=', 1)[0] for v in sys.argv[2:]]
rows = {}
for name, rnd, lb, la, md5, path in runs:
    t = json.load(open(path))
    h = t["history"]
    rows.setdefault(name, []).append((int(rnd), float(lb), float(la), md5,
        [e["seconds"] for e in h], [e["validation_precision"] for e in h]))
med = {n: statistics.median(s for r in rows[n] for s in r[4]) for n in names}
loads = [float(x) for r in runs for x in (r[2], r[3])]
print(f"load average (1 min) during the runs: {min(loads):.1f} to {max(loads):.1f}, median {statistics.median(loads):.1f}")
print("| variant | epoch s, each round | median epoch s | speed-up vs " + names[0] + " | validation P@100 after each epoch | md5 of weights.bin |")
print("|---|---|---|---|---|---|")
for n in names:
    rs = sorted(rows[n])
    secs = " · ".join(" ".join(f"{s:.1f}" for s in r[4]) for r in rs)
    vals = sorted({" ".join(f"{p:.4f}" for p in r[5]) for r in rs})
    md5s = sorted({r[3] for r in rs})
    print(f"| {n} | {secs} | {med[n]:.1f} | {med[names[0]] / med[n]:.2f}x | {' / '.join(vals)} | {' '.join(md5s)} |")
# the ratio round by round: each round's anchor against the same round's variant
print()
for n in names[1:]:
    per = []
    for r in rows[n]:
        a = [x for x in rows[names[0]] if x[0] == r[0]]
        if a:
            per.append(statistics.median(a[0][4]) / statistics.median(r[4]))
    print(f"{n}: speed-up per round {' '.join(f'{p:.2f}' for p in per)}; median {statistics.median(per):.2f}x")
PY
