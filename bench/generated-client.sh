#!/usr/bin/env bash
# A client generated from the served /openapi.yml by a standard generator (openapi-generator, Python, fetched from
# Maven Central) creates a podcast from a local page with a test key and downloads a real MP3 (ffprobe).
#   bench/generated-client.sh        # needs python3 (with urllib3, pydantic 2, python-dateutil, or pip) and ffprobe
set -euo pipefail
cd "$(dirname "$0")/.."
. .mvn/find-jdk.sh
JAVA="$JAVA_HOME/bin/java"
GENERATOR_VERSION=${GENERATOR_VERSION:-7.25.0}
PORT=${PORT:-18097}
PAGE_PORT=${PAGE_PORT:-18098}
JAR=target/podloom.jar
[ -f "$JAR" ] || ./mvnw -q -B -DskipTests package
WORK=target/generated-client
rm -rf "$WORK"; mkdir -p "$WORK"
DATA=$(mktemp -d)
cleanup() {
  [ -n "${SERVICE:-}" ] && kill "$SERVICE" 2>/dev/null || true
  [ -n "${PAGES:-}" ] && kill "$PAGES" 2>/dev/null || true
  rm -rf "$DATA"
}
trap cleanup EXIT

# 1. the generator, from Maven Central
./mvnw -q -B dependency:copy -Dartifact=org.openapitools:openapi-generator-cli:$GENERATOR_VERSION \
  -DoutputDirectory="$WORK" -Dmdep.stripVersion=true

# 2. the service (embedded defaults) and a local page to turn into a podcast
(cd src/test/resources/fixtures && exec python3 -m http.server "$PAGE_PORT" --bind 127.0.0.1 >/dev/null 2>&1) &
PAGES=$!
PODLOOM_DATA_DIR="$DATA" MICRONAUT_SERVER_PORT="$PORT" PODLOOM_ADMIN_TOKEN=generated-client \
  PODLOOM_FETCH_ALLOW_PRIVATE_NETWORKS=true PODLOOM_ACCESS_LOG=false \
  "$JAVA" --enable-native-access=ALL-UNNAMED -XX:AOTCache=target/podloom.aot -XX:CompileThresholdScaling=6 -Xlog:aot*=error -jar "$JAR" \
  >"$WORK/service.log" 2>&1 &
SERVICE=$!
until curl -sf "localhost:$PORT/health" >/dev/null 2>&1; do
  kill -0 "$SERVICE" 2>/dev/null || { cat "$WORK/service.log"; exit 1; }
  sleep 0.2
done

# 3. the client, generated from what the service serves
curl -sf "localhost:$PORT/openapi.yml" -o "$WORK/openapi.yml"
"$JAVA" -jar "$WORK/openapi-generator-cli.jar" generate -g python -i "$WORK/openapi.yml" -o "$WORK/python" \
  --package-name podloom_client >"$WORK/generator.log" 2>&1 || { cat "$WORK/generator.log"; exit 1; }
echo "generated $(ls "$WORK/python/podloom_client/models" | grep -c '\.py$') models and $(grep -c \
  '^    def [a-z_]*_with_http_info(' "$WORK/python/podloom_client/api/default_api.py") operations" \
  "with openapi-generator $GENERATOR_VERSION"

# 4. its dependencies (urllib3, pydantic 2, python-dateutil, typing-extensions): installed ones, or a venv from PyPI
PYTHON=python3
if ! python3 -c 'import urllib3, pydantic, dateutil, typing_extensions' 2>/dev/null; then
  python3 -m venv "$WORK/venv"
  "$WORK/venv/bin/pip" install -q -r "$WORK/python/requirements.txt"
  PYTHON="$WORK/venv/bin/python"
fi

# 5. create, poll (Retry-After), download, ffprobe
PYTHONPATH="$WORK/python" PODLOOM_URL="http://localhost:$PORT" PODLOOM_ADMIN_TOKEN=generated-client \
  PAGE="http://127.0.0.1:$PAGE_PORT/article-2000-words.html" OUT="$WORK/podcast.mp3" \
  "$PYTHON" bench/generated_client.py
