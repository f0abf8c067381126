#!/usr/bin/env python3
"""Markdown tables of the asymmetric re-rank against the plain code ranking, from `semhash eval
--json` files named b{bits}-{code}-{estimator}-s{seed}.eval.json (bench/categorical.sh's names):
   1. one row per run: test P@100 and mAP@100 of `semhash` (Hamming, or symbol distance for a
      categorical code) and `semhash-asymmetric` (the query's likelihood), and the gain;
   2. the mean over seeds per (bits, code, estimator), with the seeds each mean covers;
   3. per bits and estimator: each categorical code's gap to binary at equal stored bits, plain
      against plain and re-ranked against re-ranked, over the seeds both have, and at how many of
      those seeds the re-ranked categorical code is ahead of the re-ranked binary one.
Test figures are reported only; nothing here chooses on them.
   bench/rerank_table.py DIR"""
import glob, json, os, re, statistics, sys
from collections import defaultdict

base = sys.argv[1]
runs = {}
for path in sorted(glob.glob(os.path.join(base, "*.eval.json"))):
    m = re.match(r"b(\d+)-(\w+)-(\w+)-s(\d+)\.eval\.json$", os.path.basename(path))
    if not m:
        continue
    bits, code, est, seed = m.groups()
    methods = {x["method"]: x for x in json.load(open(path))["methods"]}
    runs[(int(bits), code, est, int(seed))] = dict(
        p=methods["semhash"]["precision"], map=methods["semhash"]["map"],
        ap=methods["semhash-asymmetric"]["precision"], amap=methods["semhash-asymmetric"]["map"])


def order(key):
    bits, code, est, seed = key
    return (bits, 0 if code == "binary" else int(code[1:]), est != "zgr", seed)


print("| bits | code | estimator | seed | P@100 | asymmetric P@100 | gain | mAP@100 | asymmetric mAP@100 |")
print("|---:|---|---|---:|---:|---:|---:|---:|---:|")
for key in sorted(runs, key=order):
    r = runs[key]
    print(f"| {key[0]} | {key[1]} | {key[2]} | {key[3]} | {r['p']:.4f} | {r['ap']:.4f} | {r['ap'] - r['p']:+.4f} "
          f"| {r['map']:.4f} | {r['amap']:.4f} |")

groups = defaultdict(dict)
for key, r in runs.items():
    groups[key[:3]][key[3]] = r
print()
print("| bits | code | estimator | seeds | mean P@100 | mean asymmetric P@100 | mean gain | gain sd | mean mAP@100 | mean asymmetric mAP@100 |")
print("|---:|---|---|---|---:|---:|---:|---:|---:|---:|")
for g in sorted(groups, key=lambda g: order(g + (0,))):
    rs = groups[g]
    mean = lambda f: statistics.mean(f(r) for r in rs.values())
    gains = [r["ap"] - r["p"] for r in rs.values()]
    sd = f"{statistics.stdev(gains):.4f}" if len(gains) > 1 else "–"
    print(f"| {g[0]} | {g[1]} | {g[2]} | {' '.join(map(str, sorted(rs)))} | {mean(lambda r: r['p']):.4f} "
          f"| **{mean(lambda r: r['ap']):.4f}** | {statistics.mean(gains):+.4f} | {sd} | {mean(lambda r: r['map']):.4f} "
          f"| {mean(lambda r: r['amap']):.4f} |")

print()
print("| bits | estimator | code | seeds (both) | binary P@100 | code P@100 | gap | binary asym. P@100 | code asym. P@100 | gap asym. | code asym. ahead (seeds) | code asym. − binary plain |")
print("|---:|---|---|---|---:|---:|---:|---:|---:|---:|---|---:|")
for g in sorted(groups, key=lambda g: order(g + (0,))):
    bits, code, est = g
    if code == "binary" or (bits, "binary", est) not in groups:
        continue
    binary = groups[(bits, "binary", est)]
    seeds = sorted(set(binary) & set(groups[g]))
    if not seeds:
        continue
    mean = lambda rs, f: statistics.mean(f(rs[s]) for s in seeds)
    bp, cp = mean(binary, lambda r: r["p"]), mean(groups[g], lambda r: r["p"])
    ba, ca = mean(binary, lambda r: r["ap"]), mean(groups[g], lambda r: r["ap"])
    ahead = sum(groups[g][s]["ap"] > binary[s]["ap"] for s in seeds)
    print(f"| {bits} | {est} | {code} | {' '.join(map(str, seeds))} | {bp:.4f} | {cp:.4f} | {cp - bp:+.4f} | {ba:.4f} "
          f"| {ca:.4f} | {ca - ba:+.4f} | {ahead} of {len(seeds)} | {ca - bp:+.4f} |")
