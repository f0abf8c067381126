#!/usr/bin/env python3
"""Markdown table of bench/categorical.sh's runs: one row per run, then the mean per setting.
   bench/categorical_table.py [bench/out/categorical]"""
import glob, json, os, re, sys
from collections import defaultdict

base = sys.argv[1] if len(sys.argv) > 1 else "bench/out/categorical"
rows = []
for ev_path in sorted(glob.glob(os.path.join(base, "*.eval.json"))):
    name = os.path.basename(ev_path)[: -len(".eval.json")]
    m = re.match(r"b(\d+)-(\w+)-(\w+)-s(\d+)$", name)
    if not m:
        continue
    bits, code, est, seed = m.groups()
    ev = json.load(open(ev_path))
    tr = json.load(open(os.path.join(base, name + ".train.json")))
    methods = {x["method"]: x for x in ev["methods"]}
    h = tr["history"]
    opts = tr["options"]["code"]
    rows.append(dict(bits=int(bits), code=code, est=est, seed=int(seed), p=methods["semhash"]["precision"],
                     map=methods["semhash"]["map"], val=" ".join(f"{e['validation_precision']:.3f}" for e in h),
                     recon=h[-1]["reconstruction"], kl=h[-1]["kl"], epochs=len(h), best=tr["best_epoch"],
                     shape=f"{opts['groups']} x {opts['classes']}", secs=tr["training_seconds"],
                     tfidf=methods["tfidf-cosine"]["precision"], lsh=methods["lsh"]["precision"]))
order = {"binary": 0}
rows.sort(key=lambda r: (r["bits"], order.get(r["code"], 1), int(r["code"][1:]) if r["code"] != "binary" else 0, r["est"], r["seed"]))
print("| bits | code | groups x classes | estimator | seed | test P@100 | mAP@100 | val P@100 per epoch | recon. loss (last epoch) | KL | epochs | train s |")
print("|---:|---|---|---|---:|---:|---:|---|---:|---:|---:|---:|")
for r in rows:
    print(f"| {r['bits']} | {r['code']} | {r['shape']} | {r['est']} | {r['seed']} | {r['p']:.4f} | {r['map']:.4f} | {r['val']} | "
          f"{r['recon']:.1f} | {r['kl']:.1f} | {r['epochs']} | {r['secs']:.0f} |")
if rows:
    print(f"\nSame runs' baselines: tf-idf cosine P@100 {rows[0]['tfidf']:.4f}, LSH at 64 bits {rows[0]['lsh']:.4f}.")
