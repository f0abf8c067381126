#!/usr/bin/env python3
"""Where a training step's CPU goes, from a JFR recording of `semhash train`.

    java -XX:StartFlightRecording=filename=/tmp/train.jfr,settings=profile -jar target/semhash.jar train ...
    bench/jfr_training.py /tmp/train.jfr

Counts the execution samples (Java code) and native-method samples (ND4J / OpenBLAS) of the
training loop's threads (HashingTrainer's and the semhash-train-slice pool), leaving out corpus
analysis, the neighbour graph and validation, and files each under a part of the step by the
frames on its stack. JFR's `profile` settings sample Java code every 10 ms and native methods every
20 ms, so a native sample counts twice. Parked threads are left out.
"""
import collections
import json
import subprocess
import sys

PARTS = [  # (part, a frame on the stack, as Class.method:line or Class.method)
    ("decoder", "SoftmaxDecoderLayer"),
    ("first layer: forward", "sparseTimesDense"),
    ("first layer: dense batch rescanned for its non-zeros", "SparseDenseLayerImpl.csr"),
    ("first layer: weight gradient", "writeWeightGradient"),
    ("first layer: other", "SparseDenseLayerImpl"),
    ("Adam", "FastAdam"),
    ("hidden layers: forward", "SingleForwardDenseLayer"),
    ("hidden layers: backward", "BaseLayer.backpropGradient"),
    ("latent layer", "BinaryLatent"),
    ("batches", "DenseBatch"),
    ("DL4J updater", "BaseMultiLayerUpdater"),
]


def frames(event):
    st = event["values"].get("stackTrace")
    return [f["method"]["type"]["name"].split("/")[-1] + "." + f["method"]["name"] + ":" + str(f.get("lineNumber"))
            for f in (st["frames"] if st else [])]


def main(path):
    data = json.loads(subprocess.check_output(
        ["jfr", "print", "--json", "--stack-depth", "96", "--events", "jdk.ExecutionSample,jdk.NativeMethodSample", path]))
    parts = collections.Counter()
    native = collections.Counter()
    total = 0
    for e in data["recording"]["events"]:
        fr = frames(e)
        if not fr or fr[0].split(":")[0].endswith((".park", ".wait", ".parkNanos")):
            continue
        stack = " ".join(fr)
        thread = e["values"]["sampledThread"].get("javaName", "")
        if "HashingTrainer" not in stack and thread != "semhash-train-slice":
            continue
        if "ValidationScorer" in stack or "SparseEncoder" in stack:
            continue
        weight = 2 if e["type"] == "jdk.NativeMethodSample" else 1
        part = next((p for p, frame in PARTS if frame in stack), "other: " + fr[0].split(":")[0])
        # the decoder's three products and its reductions, by the line of the call
        if part == "decoder":
            top = fr[0].split(":")[0]
            part = "decoder: " + ("native " + top.split(".")[-1] if "Nd4jCpu" in top else "Java " + top.split(".")[-1])
            for f in fr:
                if f.startswith("SoftmaxDecoderLayer$Impl.") and "lambda" not in f:
                    part += " @ " + f.split(".", 1)[1]
                    break
        parts[part] += weight
        if e["type"] == "jdk.NativeMethodSample":
            native[part] += weight
        total += weight
    print(f"training-loop samples (native counted twice): {total}")
    for part, n in parts.most_common(25):
        print(f"{100 * n / total:5.1f}%  {part}" + ("  (native)" if native[part] == n else ""))


if __name__ == "__main__":
    main(sys.argv[1])
