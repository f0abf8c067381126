#!/usr/bin/env bash
# Compiles main, the tests and bench/java (`mvn test-compile`; bench/java is a test source root) and
# prints the class path the bench harnesses run on: target/test-classes, target/classes and every
# test-scope dependency.   cp=$(bench/test-classpath.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
trap 'rm -f "$log"' EXIT
# Maven's output only when it fails (even -q -B prints terminal resets)
if ! { mvn -B -q -o test-compile \
    && mvn -B -q -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test-classpath.txt; } \
    > "$log" 2>&1; then
  cat "$log" >&2
  exit 1
fi
echo "$PWD/target/test-classes:$PWD/target/classes:$(cat target/test-classpath.txt)"
