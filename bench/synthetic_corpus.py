#!/usr/bin/env python3
"""A large synthetic JSON Lines corpus for throughput benchmarks, resampled from the embedded corpus.

    bench/synthetic_corpus.py OUT.jsonl [DOCUMENTS=1000000] [SEED=1]

Each document takes the newsgroup and the length (in words, capped at 200) of a random document of
data/20news-bydate.tar.gz, and that many words drawn at random from all the words of that
newsgroup's documents: texts with real vocabulary, word frequencies and lengths, and topics the
model knows, but no two alike. Ids are s0, s1, ...; there is no split field, so the id hash decides
as for any corpus without one. Deterministic for a seed.
"""
import json
import random
import re
import sys
import tarfile

out = sys.argv[1]
count = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1)

words_of = {}
docs = []
with tarfile.open("data/20news-bydate.tar.gz", "r:gz") as tar:
    for m in tar:
        if not m.isfile():
            continue
        parts = m.name.split("/")
        if len(parts) < 3:
            continue
        label = parts[-2]
        text = tar.extractfile(m).read().decode("latin-1")
        body = text.split("\n\n", 1)[-1]
        words = re.findall(r"[A-Za-z][A-Za-z']+", body)
        if not words:
            continue
        words_of.setdefault(label, []).extend(words)
        docs.append((label, min(len(words), 200)))

with open(out, "w", encoding="utf-8") as f:
    for i in range(count):
        label, length = docs[rng.randrange(len(docs))]
        pool = words_of[label]
        text = " ".join(rng.choices(pool, k=length))
        f.write(json.dumps({"id": f"s{i}", "title": "", "text": text, "labels": [label]}) + "\n")
