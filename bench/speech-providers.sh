#!/usr/bin/env bash
# A 10-minute podcast spoken by the openai engine against a fake OpenAI-compatible server with 300 ms per call:
# wall time and calls with 1, 4 and 8 concurrent calls allowed, then a revision of one line: time and calls
# (see bench/README.md).
# Usage: bench/speech-providers.sh [latency-ms=300] [minutes=10] [revision]   (revision: only the revision of one line)
set -euo pipefail
cd "$(dirname "$0")/.."
. .mvn/find-jdk.sh
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
if [ ! -f target/podloom.jar ]; then
  ./mvnw -q -B -DskipTests package
fi
exec "$JAVA" --enable-native-access=ALL-UNNAMED ${BENCH_JAVA_OPTS:--Xmx512m} \
  -cp target/podloom.jar bench/SpeechProvidersBenchmark.java "$@"
