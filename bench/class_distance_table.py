#!/usr/bin/env python3
"""Mean P@100 (mAP@100) per code, estimator, side and ranking of ClassDistanceStudy's output
(model, side, ranking, P@100, mAP@100; model names b{bits}-{code}-{estimator}-s{seed}).
   bench/class_distance_table.py STUDY.tsv"""
import re, statistics, sys
from collections import defaultdict

cells = defaultdict(list)
rankings, settings = [], []
for line in open(sys.argv[1]):
    f = line.rstrip("\n").split("\t")
    m = re.match(r"b(\d+)-(\w+)-(\w+)-s(\d+)$", f[0]) if len(f) == 5 else None
    if not m:
        continue
    setting = (m.group(2), m.group(3), f[1])
    cells[(setting, f[2])].append((float(f[3]), float(f[4])))
    if f[2] not in rankings:
        rankings.append(f[2])
    if setting not in settings:
        settings.append(setting)
print("| code | estimator | side | seeds | " + " | ".join(rankings) + " |")
print("|---|---|---|---:|" + "---:|" * len(rankings))
for s in settings:
    row = []
    for r in rankings:
        v = cells.get((s, r))
        row.append(f"{statistics.mean(x[0] for x in v):.4f} ({statistics.mean(x[1] for x in v):.4f})" if v else "")
    n = max(len(cells.get((s, r), [])) for r in rankings)
    print(f"| {s[0]} | {s[1]} | {s[2]} | {n} | " + " | ".join(row) + " |")
