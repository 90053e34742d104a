#!/usr/bin/env bash
# The LLM writer against a fake OpenAI-compatible server with a fixed latency per call (see bench/README.md).
# BENCH_LATENCY_MS (default 500) sets the latency; BENCH_JAVA_OPTS the JVM options (default -Xmx256m).
set -euo pipefail
cd "$(dirname "$0")/.."
. .mvn/find-jdk.sh
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
if [ ! -f target/podloom.jar ]; then
  ./mvnw -q -B -DskipTests package
fi
exec "$JAVA" --enable-native-access=ALL-UNNAMED ${BENCH_JAVA_OPTS:--Xmx256m} \
  -DlatencyMillis="${BENCH_LATENCY_MS:-500}" -cp target/podloom.jar bench/LlmWriterBenchmark.java "$@"
