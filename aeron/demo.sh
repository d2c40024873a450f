#!/usr/bin/env bash
# The Aeron bridge demo: an embedded media driver, a local feed server, the feed handler publishing into aeron:ipc,
# and two consumer processes printing message rates and receive -> consumer latency percentiles.
#   aeron/demo.sh [--seconds 10] [--rate 10000] [--consumers 2] [--idle backoff|spin]
# Builds the aeron module and the modules it needs first when its jar is missing or older than its sources;
# MVN_ARGS adds Maven flags (e.g. MVN_ARGS=-o for an offline build).
set -euo pipefail
cd "$(dirname "$0")/.."
find_jar() {
  ls aeron/target/jetsocket-aeron-*.jar 2>/dev/null | grep -v -e sources -e javadoc -e tests | head -n 1 || true
}
jar="$(find_jar)"
cp_file=aeron/target/demo.classpath
if [[ -z "$jar" || ! -s "$cp_file" || -n "$(find aeron/src/main pom.xml aeron/pom.xml -newer "$jar" | head -n 1)" ]]
then
  echo "building the aeron module (mvn -pl aeron -am package)..." >&2
  # one reactor run: the class path then names the engine's and client's jars just built
  mvn -q ${MVN_ARGS:-} -pl aeron -am package dependency:build-classpath -DskipTests -Dmaven.javadoc.skip \
    -Dmaven.source.skip -DincludeScope=runtime -Dmdep.outputFile=target/demo.classpath
  jar="$(find_jar)"
fi
exec java --add-exports java.base/jdk.internal.misc=ALL-UNNAMED \
  --add-opens java.base/sun.nio.ch=ALL-UNNAMED --add-opens java.base/java.nio=ALL-UNNAMED \
  -cp "$jar:$(cat "$cp_file")" io.jetsocket.aeron.demo.FeedDemo "$@"
