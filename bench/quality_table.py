#!/usr/bin/python3
"""Markdown tables of the runs bench/quality.sh left in bench/out/ (or DIR).

One row per run, then one row per (bits, estimator) with the mean and the spread (min-max) over
its seeds. Usage: bench/quality_table.py [DIR]
"""
import glob
import json
import os
import re
import statistics
import sys
from collections import defaultdict

out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "out")


def field(d, snake, camel, default=None):
    """A --json field: snake_case since the CLI prints the API's JSON, camelCase in runs of earlier builds."""
    return d.get(snake, d.get(camel, default))


runs = []
for ev_path in sorted(glob.glob(os.path.join(out, "b*-*-s*.eval.json"))):
    m = re.match(r"b(\d+)-(\w+)-s(\d+)\.eval\.json", os.path.basename(ev_path))
    tr_path = ev_path.replace(".eval.json", ".train.json")
    if not m or not os.path.exists(tr_path):
        continue
    ev, tr = json.load(open(ev_path)), json.load(open(tr_path))
    methods = {x["method"]: x for x in ev["methods"]}
    runs.append(dict(bits=int(m.group(1)), est=m.group(2), seed=int(m.group(3)),
                     p=methods["semhash"]["precision"], map=methods["semhash"]["map"],
                     tfidf=methods["tfidf-cosine"]["precision"], lsh=methods["lsh"]["precision"],
                     best=field(tr, "best_epoch", "bestEpoch"), epochs=len(tr["history"]),
                     seconds=field(tr, "training_seconds", "trainingSeconds"),
                     dead=field(ev, "dead_bits", "deadBits", -1), redundant=field(ev, "redundant_bits", "redundantBits", -1)))
order = {"zgr": 0, "st": 1, "stgs": 2}
runs.sort(key=lambda r: (r["bits"], order.get(r["est"], 9), r["seed"]))

print("| bits | estimator | seed | P@100 | mAP@100 | tf-idf cosine | LSH | best epoch / trained | train s | dead / redundant bits |")
print("|---:|---|---:|---:|---:|---:|---:|---|---:|---|")
for r in runs:
    print(f"| {r['bits']} | {r['est']} | {r['seed']} | {r['p']:.4f} | {r['map']:.4f} | {r['tfidf']:.4f} | {r['lsh']:.4f} "
          f"| {r['best']} / {r['epochs']} | {r['seconds']:.0f} | {r['dead']} / {r['redundant']} |")

groups = defaultdict(list)
for r in runs:
    groups[(r["bits"], r["est"])].append(r)
print()
print("| bits | estimator | seeds | mean P@100 | min–max | mean mAP@100 |")
print("|---:|---|---:|---:|---|---:|")
for (bits, est), rs in sorted(groups.items(), key=lambda kv: (kv[0][0], order.get(kv[0][1], 9))):
    ps = [r["p"] for r in rs]
    print(f"| {bits} | {est} | {len(rs)} | **{statistics.mean(ps):.4f}** | {min(ps):.4f}–{max(ps):.4f} "
          f"| {statistics.mean(r['map'] for r in rs):.4f} |")
