#!/usr/bin/env bash
#
# Copyright 2026 The JetSocket authors. Licensed under the Apache License, Version 2.0.
#
# Run the Autobahn client driver of the built module against any fuzzingserver:
#
#   autobahn/driver.sh <fuzzingserver-ws-url> <agent-name>
#   autobahn/driver.sh ws://127.0.0.1:9001 jetsocket
#
# Build it first (the driver jar is made in the package phase):
#   mvn -pl autobahn -am package -DskipTests
#
# Environment:
#   AUTOBAHN_CLIENT  EchoClient class to use (default: AutobahnClientDriver.DEFAULT_CLIENT, the JetSocket engine),
#                    e.g. io.jetsocket.autobahn.JdkEchoClient for the JDK reference client
#   AUTOBAHN_CLASSPATH extra classpath entries (e.g. a jar with another EchoClient), before the driver jar
#   JAVA             java executable (default: $JAVA_HOME/bin/java, else java on the PATH)
#   JAVA_OPTS        extra JVM options, e.g. -Dautobahn.caseTimeoutSeconds=300 -Dautobahn.statusFile=status.properties
set -euo pipefail

if [ "$#" -ne 2 ]; then
    echo "usage: $0 <fuzzingserver-ws-url> <agent-name>" >&2
    exit 2
fi

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$(ls -t "$here"/target/jetsocket-autobahn-*-driver.jar 2>/dev/null | head -n 1 || true)"
if [ -z "$jar" ]; then
    echo "$0: no driver jar in $here/target; build it with: mvn -pl autobahn -am package -DskipTests" >&2
    exit 2
fi

if [ -n "${JAVA:-}" ]; then
    java="$JAVA"
elif [ -n "${JAVA_HOME:-}" ]; then
    java="$JAVA_HOME/bin/java"
else
    java="java"
fi

client_opt=()
if [ -n "${AUTOBAHN_CLIENT:-}" ]; then
    client_opt=("-Dautobahn.client=$AUTOBAHN_CLIENT")
fi

# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
exec "$java" --add-exports=java.base/jdk.internal.misc=ALL-UNNAMED ${client_opt[@]+"${client_opt[@]}"} ${JAVA_OPTS:-} \
    -cp "${AUTOBAHN_CLASSPATH:+$AUTOBAHN_CLASSPATH:}$jar" io.jetsocket.autobahn.AutobahnClientDriver "$1" "$2"
