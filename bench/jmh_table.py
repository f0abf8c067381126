#!/usr/bin/env python3
"""Markdown table of a JMH JSON result (bench/jmh.sh ... -rf json -rff FILE): per benchmark and
parameters, JMH's score and error, the best (lowest) iteration, and the time against the anchor
the benchmark's javadoc names, measured in the same run with the same other parameters. On a
shared machine the best iteration is the one least slowed by other processes, so the ratio of
bests is given beside the ratio of means.   bench/jmh_table.py FILE.json
"""
import json
import sys

# class -> (what identifies the anchor row: ("method", name) or ("param", name, value))
ANCHORS = {
    "HammingKnnBenchmark": ("method", "naive"),
    "SymbolKnnBenchmark": ("method", "binaryScan"),
    "BitCodeDistanceBenchmark": ("method", "packedWords"),
    "SparseEncoderBenchmark": ("method", "textOnly"),
    "ZgrEstimatorBenchmark": ("param", "estimator", "st"),
}
HIDDEN_PARAMS = {"corpus"}  # constant paths, not worth a column


def key(cls, method, params, anchor):
    p = dict(params)
    if anchor[0] == "method":
        method = anchor[1]
    else:
        p[anchor[1]] = anchor[2]
    return cls, method, tuple(sorted(p.items()))


rows = json.load(open(sys.argv[1]))
by_key = {}
for r in rows:
    cls, method = r["benchmark"].split(".")[-2:]
    r["_cls"], r["_method"], r["_params"] = cls, method, r.get("params", {})
    r["_best"] = min(x for it in r["primaryMetric"]["rawData"] for x in it)
    by_key[(cls, method, tuple(sorted(r["_params"].items())))] = r

print("| benchmark | parameters | score ± error | best iteration | anchor | time / anchor (means) | time / anchor (bests) |")
print("|---|---|---|---|---|---|---|")
for r in rows:
    m = r["primaryMetric"]
    unit = m["scoreUnit"]
    params = ", ".join(f"{k}={v}" for k, v in r["_params"].items() if k not in HIDDEN_PARAMS)
    anchor = ANCHORS.get(r["_cls"])
    a = by_key.get(key(r["_cls"], r["_method"], r["_params"], anchor)) if anchor else None
    if a is None or a is r:
        name, ratio_mean, ratio_best = ("(this is the anchor)" if a is r else "none"), "", ""
    else:
        name = a["_method"] if anchor[0] == "method" else f"{anchor[1]}={anchor[2]}"
        ratio_mean = f"{m['score'] / a['primaryMetric']['score']:.3f}"
        ratio_best = f"{r['_best'] / a['_best']:.3f}"
    print(f"| {r['_cls']}.{r['_method']} | {params} | {m['score']:.3f} ± {m['scoreError']:.3f} {unit} "
          f"| {r['_best']:.3f} {unit} | {name} | {ratio_mean} | {ratio_best} |")
