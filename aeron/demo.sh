#!/usr/bin/env bash
# The Aeron bridge demo: an embedded media driver, a local feed server, the feed handler publishing into aeron:ipc,
# and two consumer processes printing message rates and receive -> consumer latency percentiles.
#   aeron/demo.sh [--seconds 10] [--rate 10000] [--consumers 2] [--idle backoff|spin]
# Builds the aeron module (and what it needs) if its jar is missing; set MVN_ARGS for extra Maven flags (e.g. -o).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
jar="$(ls aeron/target/jetsocket-aeron-*.jar 2>/dev/null | grep -v -e sources -e javadoc -e tests | head -n 1 || true)"
if [[ -z "$jar" ]]; then
  mvn -q ${MVN_ARGS:-} -pl aeron -am package -DskipTests -Dmaven.javadoc.skip -Dmaven.source.skip
  jar="$(ls aeron/target/jetsocket-aeron-*.jar | grep -v -e sources -e javadoc -e tests | head -n 1)"
fi
cp_file=aeron/target/demo.classpath
if [[ ! -s "$cp_file" || pom.xml -nt "$cp_file" || aeron/pom.xml -nt "$cp_file" ]]; then
  mvn -q ${MVN_ARGS:-} -pl aeron dependency:build-classpath -Dmdep.includeScope=runtime \
    -Dmdep.outputFile=target/demo.classpath
fi
exec java --add-exports java.base/jdk.internal.misc=ALL-UNNAMED \
  --add-opens java.base/sun.nio.ch=ALL-UNNAMED --add-opens java.base/java.nio=ALL-UNNAMED \
  -cp "$jar:$(cat "$cp_file")" io.jetsocket.aeron.demo.FeedDemo "$@"
