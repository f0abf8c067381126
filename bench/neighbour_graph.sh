#!/usr/bin/env bash
# Quality of the tf-idf neighbour graph of a corpus's fit documents (train split minus validation)
# and validation tf-idf cosine P@100.  bench/neighbour_graph.sh CORPUS [vocabulary-size min-df max-df stem]
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target/bench-classes
javac -d target/bench-classes -cp "target/classes:target/lib/*" bench/java/io/semhash/bench/NeighbourGraphStats.java
java -cp "target/bench-classes:target/classes:target/lib/*" io.semhash.bench.NeighbourGraphStats "$@"
