#!/usr/bin/env python3
"""Server-side cost of rerank=asymmetric against the plain Hamming search, same server, same queries.

    bench/rerank_cost.py URL [QUERIES=300] [ROUNDS=3] [K=10]

Queries: the first 300 characters of test documents of the embedded corpus (every 25th). Each
query is sent with rerank=none and rerank=asymmetric in turn, ROUNDS times; each keeps its best
took_ms (the server's own time for the search, without HTTP), and the table gives p50 / p99 /
mean of those per side and their ratio. Start the server first (semhash serve --index DIR).
"""
import json
import sys
import tarfile
import urllib.parse
import urllib.request

url = sys.argv[1].rstrip("/")
n = int(sys.argv[2]) if len(sys.argv) > 2 else 300
rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 3
k = int(sys.argv[4]) if len(sys.argv) > 4 else 10

texts = []
with tarfile.open("data/20news-bydate.tar.gz", "r:gz") as tar:
    i = 0
    for m in tar:
        if m.isfile() and "-test/" in m.name:
            if i % 25 == 0:
                raw = tar.extractfile(m).read().decode("latin-1")
                body = raw.split("\n\n", 1)[-1]
                texts.append(" ".join(body.split())[:300] or "empty")
            i += 1
            if len(texts) >= n:
                break

def took(q, rerank):
    params = urllib.parse.urlencode({"q": q, "k": k, "rerank": rerank})
    with urllib.request.urlopen(f"{url}/api/search?{params}") as r:
        return json.load(r)["took_ms"]

best = {"none": [float("inf")] * len(texts), "asymmetric": [float("inf")] * len(texts)}
for _ in range(rounds):
    for i, q in enumerate(texts):
        for side in best:
            best[side][i] = min(best[side][i], took(q, side))

def pct(v, p):
    s = sorted(v)
    return s[min(len(s) - 1, max(0, -(-p * len(s) // 100) - 1))]

print(f"{len(texts)} queries, k={k}, best of {rounds} rounds each (server took_ms)")
print("| rerank | p50 ms | p99 ms | mean ms |")
print("|---|---:|---:|---:|")
for side, v in best.items():
    print(f"| {side} | {pct(v, 50):.3f} | {pct(v, 99):.3f} | {sum(v) / len(v):.3f} |")
a, b = best["asymmetric"], best["none"]
print(f"asymmetric / none: p50 {pct(a, 50) / pct(b, 50):.2f}x, mean {sum(a) / sum(b):.2f}x")
