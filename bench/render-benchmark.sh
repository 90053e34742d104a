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
# Audio streams through disk, so the heap need no longer grows with the episode (bench/long-render.sh: 120 min
# under -Xmx384m); 512 MB is kept here so figures compare with earlier runs.
exec "$JAVA" --enable-native-access=ALL-UNNAMED ${BENCH_JAVA_OPTS:--Xmx512m} \
  -cp target/podloom.jar bench/RenderBenchmark.java "$@"
