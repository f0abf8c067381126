#!/usr/bin/env bash
# A SolrCloud on this machine in one command: N real Solr nodes and an embedded ZooKeeper from this
# module's own jars, the semhash plugin on every node, the configset uploaded as "semhash".
#   scale/solr/local-cluster.sh [--nodes 2] [--port 8983] [--dir work/solr-cluster]
# Prints each node's URL, then "ready". Type "stop I" / "start I" to stop or restart node I,
# "quit" (or Ctrl-C) to shut everything down. Needs the core installed (mvn install at the top).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if [ ! -f "$here/target/cluster.classpath" ] || [ ! -d "$here/target/classes/io" ]; then
  mvn -B -q -f "$here/pom.xml" compile
fi
exec java -Xmx1g -Dlog4j2.configurationFile="$here/local-cluster-log4j2.xml" \
  -cp "$here/target/classes:$(cat "$here/target/cluster.classpath")" \
  io.semhash.solr.LocalCluster --configset "$here/configset/conf" "$@"
