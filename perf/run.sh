#!/usr/bin/env bash
# JetSocket end-to-end load tool: builds perf/ (and the engine) if needed, then runs the default comparison
# against the local feed server and prints a summary, also written to perf/target/summary.md.
#
#   perf/run.sh            # default run: every client, the five main workloads, 3 repetitions (about 5-8 min
#                          # on 2 cores)
#   perf/run.sh --full     # the complete comparison, TLS and compressed pushes included (about 55 min)
#   perf/run.sh --workloads push128tls,push128z   # the TLS and the compressed 128 B push only (about 4 min)
#   perf/run.sh --help     # the options
#
# Needs Java 17+ and Maven 3.8+. JAVA_HOME, if set, chooses the java that runs everything.
set -euo pipefail

PERF_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT_DIR="$(dirname "$PERF_DIR")"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

command -v "$JAVA" >/dev/null 2>&1 || { echo "run.sh: java not found (Java 17+ needed)" >&2; exit 1; }

# Build when the classes or the copied libraries are missing, or a source of the engine, the client or perf/ is newer.
stamp="$PERF_DIR/target/classes/io/jetsocket/perf/load/LoadRunner.class"
needs_build=0
if [[ ! -f "$stamp" || ! -d "$PERF_DIR/target/lib" ]]; then
  needs_build=1
elif [[ -n "$(find "$ROOT_DIR/engine/src/main" "$ROOT_DIR/client/src/main" "$PERF_DIR/src/main" "$PERF_DIR/pom.xml" "$ROOT_DIR/pom.xml" \
          -newer "$stamp" -type f -print -quit 2>/dev/null)" ]]; then
  needs_build=1
fi
if [[ "$needs_build" == 1 ]]; then
  command -v mvn >/dev/null 2>&1 || { echo "run.sh: mvn not found (Maven 3.8+ needed to build)" >&2; exit 1; }
  echo "building perf/ and the engine (mvn -q -B -DskipTests -Dcheckstyle.skip -Dmaven.javadoc.skip -Dmaven.source.skip -pl perf -am package) ..."
  rm -rf "$PERF_DIR/target/lib"
  (cd "$ROOT_DIR" && mvn -q -B -DskipTests -Dcheckstyle.skip -Dmaven.javadoc.skip -Dmaven.source.skip -pl perf -am package)
fi

exec "$JAVA" --add-exports=java.base/jdk.internal.misc=ALL-UNNAMED \
  -cp "$PERF_DIR/target/classes:$PERF_DIR/target/lib/*" \
  io.jetsocket.perf.load.LoadRunner --out-dir "$PERF_DIR/target" --command "perf/run.sh${*:+ $*}" "$@"
