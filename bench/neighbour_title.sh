#!/usr/bin/env bash
# Label agreement of the neighbour graph by title weight, with a similarity ceiling, and validation
# cosine P@100 of those vectors (fit part of the train split only; never the test split).
#   bench/neighbour_title.sh CORPUS VOCABULARY-SIZE STEM TITLE-WEIGHTS CEILING
#   e.g. bench/neighbour_title.sh ../shared/data/debian-packages.jsonl.gz 10000 false 0,2,5,10 0.95
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target/bench-classes
javac -d target/bench-classes -cp "target/classes:target/lib/*" bench/java/io/semhash/bench/NeighbourTitleStats.java
java -cp "target/bench-classes:target/classes:target/lib/*" io.semhash.bench.NeighbourTitleStats "$@"
