#!/usr/bin/env bash
# Renders a 10-minute episode on the embedded defaults and compares it with the raw engines (see bench/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
. .mvn/find-jdk.sh
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
if [ ! -f target/podloom.jar ]; then
  ./mvnw -q -B -DskipTests package
fi
# A heap cap keeps the figure honest: without one the JVM sizes its heap from the machine's RAM and RSS grows lazily.
# 512 MB is the smallest that fits mastering a 10-minute episode today (384-400 MB runs out of heap in PeakLimiter).
exec "$JAVA" --enable-native-access=ALL-UNNAMED ${BENCH_JAVA_OPTS:--Xmx512m} \
  -cp target/podloom.jar bench/RenderBenchmark.java "$@"
