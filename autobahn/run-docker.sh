#!/usr/bin/env bash
#
# Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
#
# Run the Autobahn TestSuite with the official Docker image (crossbario/autobahn-testsuite, 25.10.1) instead of
# the Jython one the Maven build uses: start its fuzzingserver, run driver.sh against it, then judge the report with
# ReportSummary (same allow-list and exit status as the build).
#
#   autobahn/run-docker.sh              # after: mvn -pl autobahn -am package -DskipTests
#
# Environment:
#   AUTOBAHN_IMAGE   image (default crossbario/autobahn-testsuite:25.10.1)
#   AUTOBAHN_PORT    host port, published on 127.0.0.1 only (default 9001)
#   AUTOBAHN_AGENT   agent name in the report (default jetsocket)
#   AUTOBAHN_EXCLUDE JSON list of excluded cases (default []: all sections, 12 and 13 (permessage-deflate)
#                    included; the engine client offers compression in this run, -Dautobahn.compression=true,
#                    with the offers each 13.x case describes, and allows each case the suite's own 480 s,
#                    -Dautobahn.caseTimeoutSeconds=480; JAVA_OPTS given here come later and win)
#   AUTOBAHN_CLIENT, JAVA, JAVA_OPTS: passed on to driver.sh
#
# Reports: autobahn/target/docker-reports/clients (index.html to browse), summary: autobahn/target/docker-reports/
# autobahn-summary.md. Exit status: that of ReportSummary (0 all OK, 1 a case not OK, 2 no usable report).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
image="${AUTOBAHN_IMAGE:-crossbario/autobahn-testsuite:25.10.1}"
port="${AUTOBAHN_PORT:-9001}"
agent="${AUTOBAHN_AGENT:-jetsocket}"
exclude="${AUTOBAHN_EXCLUDE:-[]}"
export JAVA_OPTS="-Dautobahn.compression=true -Dautobahn.caseTimeoutSeconds=480 ${JAVA_OPTS:-}"
container="jetsocket-autobahn-$$"
config_dir="$here/target/docker-config"
reports_dir="$here/target/docker-reports"

command -v docker >/dev/null 2>&1 || { echo "$0: docker not found" >&2; exit 2; }
jar="$(ls -t "$here"/target/jetsocket-autobahn-*-driver.jar 2>/dev/null | head -n 1 || true)"
if [ -z "$jar" ]; then
    echo "$0: no driver jar in $here/target; build it with: mvn -pl autobahn -am package -DskipTests" >&2
    exit 2
fi
java="${JAVA:-${JAVA_HOME:+$JAVA_HOME/bin/}java}"

# The container's working directory is /, so outdir ./reports/clients is the mounted /reports/clients.
# Keep the rest in line with fuzzingserver.json (all cases, nothing excluded per agent).
rm -rf "$config_dir" "$reports_dir"
mkdir -p "$config_dir" "$reports_dir/clients"
cat > "$config_dir/fuzzingserver.json" <<JSON
{
   "url": "ws://127.0.0.1:9001",
   "outdir": "./reports/clients",
   "cases": ["*"],
   "exclude-cases": $exclude,
   "exclude-agent-cases": {}
}
JSON

cleanup()
{
    docker rm -f "$container" >/dev/null 2>&1 || true
}
trap cleanup EXIT INT TERM

echo "run-docker: starting $image as $container on 127.0.0.1:$port"
# Not --rm: the container's log must survive a crash; cleanup() removes it. --user: reports owned by the caller.
docker run -d --name "$container" \
    --user "$(id -u):$(id -g)" \
    -p "127.0.0.1:$port:9001" \
    -v "$config_dir:/config:ro" \
    -v "$reports_dir:/reports" \
    "$image" \
    wstest --mode fuzzingserver --spec /config/fuzzingserver.json >/dev/null

# Wait until the fuzzingserver accepts connections (the image starts in a few seconds).
for attempt in $(seq 1 120); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        break
    fi
    if [ "$(docker inspect -f '{{.State.Running}}' "$container" 2>/dev/null || echo false)" != "true" ]; then
        echo "run-docker: the container exited; its log:" >&2
        docker logs "$container" >&2 || true
        exit 2
    fi
    if [ "$attempt" -eq 120 ]; then
        echo "run-docker: fuzzingserver not listening on 127.0.0.1:$port after 60 s" >&2
        docker logs "$container" >&2 || true
        exit 2
    fi
    sleep 0.5
done
echo "run-docker: fuzzingserver listening"

status=0
"$here/driver.sh" "ws://127.0.0.1:$port" "$agent" || status=$?
if [ "$status" -ne 0 ]; then
    echo "run-docker: driver exited with status $status; judging whatever report exists" >&2
fi

"$java" -cp "$jar" io.jetsocket.autobahn.ReportSummary "$reports_dir/clients" "$reports_dir/autobahn-summary.md" \
    --agent "$agent"
