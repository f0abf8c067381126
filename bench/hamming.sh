#!/usr/bin/env bash
# Hamming index benchmark: compiles bench/java against target/classes and runs it.
# Usage: bench/hamming.sh [--n 100000,1000000] [--bits 64,128,256] [--k 10,100] [--seconds 2] [--queries 1000] [--export DIR]
#        bench/hamming.sh --model MODEL_DIR [--corpus data/20news-bydate.tar.gz] [--k 10,100] [--seconds 2] [--export DIR]
#          (real codes: train split = database, test split = queries; n and bits from the corpus and model)
# Extra JVM options via JAVA_OPTS (default -Xmx12g).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -o -q -DskipTests compile
mvn -o -q dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=runtime >/dev/null
CP="target/classes:$(cat target/bench-classpath.txt)"
rm -rf target/bench-classes && mkdir -p target/bench-classes
javac -d target/bench-classes -cp "$CP" $(find bench/java -name '*.java')
exec java ${JAVA_OPTS:--Xmx12g} -cp "target/bench-classes:$CP" io.semhash.bench.HammingBench "$@"
