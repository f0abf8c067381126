#!/usr/bin/env bash
# CPU per search in-process (no HTTP, no JSON), the queries of bench/search_queries.lua, semantic
# k=10, one thread; with DUMP_FILE, every hit of every query in all three modes is written first,
# for a byte-for-byte comparison of two builds.   bench/search_cpu.sh INDEX_DIR [rounds] [DUMP_FILE]
# CLASSES (default target/classes) and LIB (default target/lib) pick the build to measure.
set -euo pipefail
cd "$(dirname "$0")/.."
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-1}
classes=${CLASSES:-target/classes}
lib=${LIB:-target/lib}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
javac -d "$out" -cp "$classes:$lib/*" bench/java/io/semhash/bench/SearchCpuBench.java
java ${JAVA_OPTS:-} -cp "$out:$classes:$lib/*" io.semhash.bench.SearchCpuBench "$@"
