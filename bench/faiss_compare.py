#!/usr/bin/python3
"""FAISS on the same codes and queries as bench/hamming.sh (Debian: apt-get install -y python3-faiss).

Reads what `bench/hamming.sh --export DIR` wrote: codes-N-B.u8, queries-N-B.u8 (rows of B/8 bytes,
little-endian word bytes = the bit order of docs/ARCHITECTURE.md; FAISS's popcount distance does not depend on the
bit order) and truth-N-B-K.i32 (our exact answers). Runs, single-threaded and one query at a time:
  * faiss.IndexBinaryFlat            exhaustive popcount scan (exact)
  * faiss.IndexBinaryMultiHash       multi-index hashing, nhash = round(B / log2 N), b = B // nhash,
                                     nflip as given (FAISS's MIH is approximate: reports recall)
Checks that IndexBinaryFlat's distances equal ours row by row (ids may differ on ties: FAISS does
not promise our (distance, id) order), and prints a markdown table.

Usage: /usr/bin/python3 bench/faiss_compare.py DIR [--seconds 2] [--nflip 2] [--only N-B] [--check 100]
(--check: how many queries, from the first, are checked against our answers; 0 = all.)
"""
import argparse
import glob
import math
import os
import re
import time

import faiss
import numpy as np


def qps(fn, nq, seconds):
    warm_end = time.perf_counter() + seconds * 0.25
    i = 0
    while time.perf_counter() < warm_end or i < 3:
        fn(i % nq)
        i += 1
    start = time.perf_counter()
    end = start + seconds
    done = 0
    while True:
        fn(done % nq)
        done += 1
        now = time.perf_counter()
        if now >= end and done >= 3:
            break
    return done / (now - start)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("--seconds", type=float, default=2.0)
    ap.add_argument("--nflip", type=int, default=2)
    ap.add_argument("--only", default=None)
    ap.add_argument("--check", type=int, default=100)
    a = ap.parse_args()
    faiss.omp_set_num_threads(1)
    print(f"# faiss {faiss.__version__}, omp threads 1, one query per search call, {a.seconds:.1f} s per method")
    print("| n | bits | k | Flat q/s | Flat Gcodes/s | Flat distances = ours | MultiHash q/s | MultiHash nhash x b, nflip | MultiHash recall@k |")
    print("|---|---|---|---|---|---|---|---|---|")
    files = sorted(glob.glob(os.path.join(a.dir, "codes-*-*.u8")),
                   key=lambda p: tuple(int(x) for x in re.findall(r"codes-(\d+)-(\d+)", p)[0]))
    for path in files:
        n, bits = (int(x) for x in re.findall(r"codes-(\d+)-(\d+)", path)[0])
        if a.only and a.only != f"{n}-{bits}":
            continue
        nb = bits // 8
        xb = np.fromfile(path, dtype=np.uint8).reshape(n, nb)
        xq = np.fromfile(os.path.join(a.dir, f"queries-{n}-{bits}.u8"), dtype=np.uint8).reshape(-1, nb)
        nq = xq.shape[0]
        flat = faiss.IndexBinaryFlat(bits)
        flat.add(xb)
        nhash = max(1, round(bits / math.log2(n)))
        b = bits // nhash
        mh = faiss.IndexBinaryMultiHash(bits, nhash, b)
        mh.nflip = a.nflip
        mh.add(xb)
        for tpath in sorted(glob.glob(os.path.join(a.dir, f"truth-{n}-{bits}-*.i32"))):
            k = int(re.findall(r"-(\d+)\.i32$", tpath)[0])
            truth = np.fromfile(tpath, dtype=np.int32).reshape(nq, 2 * k)
            tids, tdist = truth[:, :k], truth[:, k:]
            same = 0
            recall = 0.0
            check = nq if a.check <= 0 else min(nq, a.check)
            for i in range(check):
                D, I = flat.search(xq[i:i + 1], k)
                same += int(np.array_equal(D[0], tdist[i]))
                D2, I2 = mh.search(xq[i:i + 1], k)
                # distance-based recall: hits within the exact k-th distance, ties counted once
                kth = tdist[i, -1]
                recall += min(k, int(np.sum((D2[0] >= 0) & (D2[0] <= kth) & (I2[0] >= 0)))) / k
            f_qps = qps(lambda i: flat.search(xq[i:i + 1], k), nq, a.seconds)
            m_qps = qps(lambda i: mh.search(xq[i:i + 1], k), nq, a.seconds)
            print(f"| {n} | {bits} | {k} | {f_qps:.0f} | {f_qps * n / 1e9:.2f} | {same}/{check} | {m_qps:.0f} | "
                  f"{nhash} x {b}, {a.nflip} | {recall / check:.3f} |", flush=True)


if __name__ == "__main__":
    main()
