#!/usr/bin/env python3
"""Markdown tables of bench/categorical.sh's runs (its train and eval JSON per run):
   1. one row per run;
   2. the mean over seeds per setting (bits, code, estimator) with the seed-to-seed spread (sample
      standard deviation and range), and the training loss at epoch 10 (equal epochs across codes);
   3. ZGR against ST per (bits, code): mean test P@100, and the training loss of both at equal
      epochs (the last epoch both runs of a seed reached, averaged over seeds);
   4. P@100 per stored bits and code (ZGR and ST), binary beside the categorical codes.
Test figures are reported only; nothing here chooses on them (the best epoch of a run is its
best validation P@100).
   bench/categorical_table.py [bench/out/categorical]"""
import glob, json, os, re, statistics, sys
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
    best = h[tr["best_epoch"] - 1]
    rows.append(dict(bits=int(bits), code=code, est=est, seed=int(seed), p=methods["semhash"]["precision"],
                     map=methods["semhash"]["map"], val=best["validation_precision"], history=h,
                     loss=h[-1]["loss"], recon=h[-1]["reconstruction"], kl=h[-1]["kl"], epochs=len(h),
                     best=tr["best_epoch"], cap=tr["options"]["epochs"], shape=f"{opts['groups']} x {opts['classes']}",
                     secs=tr["training_seconds"], dead=ev.get("dead_bits"),
                     tfidf=methods["tfidf-cosine"]["precision"], lsh=methods["lsh"]["precision"]))


def code_order(code):
    return 0 if code == "binary" else int(code[1:])


rows.sort(key=lambda r: (r["bits"], code_order(r["code"]), r["est"] != "zgr", r["est"], r["seed"]))

print("| bits | code | groups x classes | estimator | seed | test P@100 | mAP@100 | best val P@100 | best epoch / trained |"
      " loss (last epoch) | recon. (last) | KL (last) | dead bits | train s |")
print("|---:|---|---|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|")
for r in rows:
    print(f"| {r['bits']} | {r['code']} | {r['shape']} | {r['est']} | {r['seed']} | {r['p']:.4f} | {r['map']:.4f} | "
          f"{r['val']:.4f} | {r['best']} / {r['epochs']} | {r['loss']:.1f} | {r['recon']:.1f} | {r['kl']:.1f} | "
          f"{r['dead'] if r['dead'] is not None else '–'} | {r['secs']:.0f} |")

settings = defaultdict(list)
for r in rows:
    settings[(r["bits"], r["code"], r["est"])].append(r)


def at_epoch(rs, epoch, key):
    """Mean of one training figure at a given epoch over the runs that reached it."""
    vals = [r["history"][epoch - 1][key] for r in rs if len(r["history"]) >= epoch]
    return f"{statistics.mean(vals):.1f}" + ("" if len(vals) == len(rs) else f" ({len(vals)} runs)") if vals else "–"


def spread(values):
    return statistics.stdev(values) if len(values) > 1 else float("nan")


print("\n| bits | code | estimator | seeds | mean test P@100 | sd | min–max | mean mAP@100 | mean best val P@100 |"
      " mean epochs trained (best) | hit the epoch cap | loss at epoch 10 | recon. at epoch 10 |")
print("|---:|---|---|---:|---:|---:|---|---:|---:|---|---:|---:|---:|")
for (bits, code, est), rs in settings.items():
    ps = [r["p"] for r in rs]
    sd = spread(ps)
    print(f"| {bits} | {code} | {est} | {len(rs)} | **{statistics.mean(ps):.4f}** | "
          f"{'–' if sd != sd else f'{sd:.4f}'} | {min(ps):.4f}–{max(ps):.4f} | "
          f"{statistics.mean(r['map'] for r in rs):.4f} | {statistics.mean(r['val'] for r in rs):.4f} | "
          f"{statistics.mean(r['epochs'] for r in rs):.1f} ({statistics.mean(r['best'] for r in rs):.1f}) | "
          f"{sum(r['epochs'] == r['cap'] for r in rs)} of {len(rs)} | {at_epoch(rs, 10, 'loss')} | {at_epoch(rs, 10, 'reconstruction')} |")

print("\nZGR against ST (seeds both have; loss and reconstruction at the last epoch both runs of a seed reached,"
      " averaged over those seeds):\n")
print("| bits | code | seeds | ZGR mean P@100 | ST mean P@100 | ZGR − ST | ZGR wins (seeds) | equal epoch(s) |"
      " ZGR loss | ST loss | ZGR recon. | ST recon. |")
print("|---:|---|---:|---:|---:|---:|---|---|---:|---:|---:|---:|")
pairs = sorted({(b, c) for (b, c, _) in settings}, key=lambda k: (k[0], code_order(k[1])))
for bits, code in pairs:
    z = {r["seed"]: r for r in settings.get((bits, code, "zgr"), [])}
    s = {r["seed"]: r for r in settings.get((bits, code, "st"), [])}
    seeds = sorted(set(z) & set(s))
    if not seeds:
        continue
    zp = statistics.mean(z[k]["p"] for k in seeds)
    sp = statistics.mean(s[k]["p"] for k in seeds)
    eq = [min(z[k]["epochs"], s[k]["epochs"]) for k in seeds]
    zl = statistics.mean(z[k]["history"][e - 1]["loss"] for k, e in zip(seeds, eq))
    sl = statistics.mean(s[k]["history"][e - 1]["loss"] for k, e in zip(seeds, eq))
    zr = statistics.mean(z[k]["history"][e - 1]["reconstruction"] for k, e in zip(seeds, eq))
    sr = statistics.mean(s[k]["history"][e - 1]["reconstruction"] for k, e in zip(seeds, eq))
    wins = sum(z[k]["p"] > s[k]["p"] for k in seeds)
    print(f"| {bits} | {code} | {len(seeds)} | {zp:.4f} | {sp:.4f} | {zp - sp:+.4f} | {wins} of {len(seeds)} | "
          f"{' '.join(map(str, eq))} | {zl:.1f} | {sl:.1f} | {zr:.1f} | {sr:.1f} |")

codes = sorted({c for (_, c, _) in settings}, key=code_order)
print("\nMean test P@100 per stored bits (seeds in brackets):\n")
print("| bits | " + " | ".join(f"{c} {e}" for c in codes for e in ("zgr", "st")) + " |")
print("|---:|" + "---:|" * (2 * len(codes)))
for bits in sorted({b for (b, _, _) in settings}):
    cells = []
    for c in codes:
        for e in ("zgr", "st"):
            rs = settings.get((bits, c, e))
            cells.append(f"{statistics.mean(r['p'] for r in rs):.4f} ({len(rs)})" if rs else "–")
    print(f"| {bits} | " + " | ".join(cells) + " |")

if rows:
    lsh = {r["bits"]: r["lsh"] for r in rows}
    print(f"\nSame runs' baselines: tf-idf cosine P@100 {rows[0]['tfidf']:.4f}; LSH "
          + ", ".join(f"{v:.4f} at {b} bits" for b, v in sorted(lsh.items())) + ".")
