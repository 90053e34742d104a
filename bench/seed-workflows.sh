#!/usr/bin/env bash
# Runs the Podhoc seed's Python and Node "complete workflow" examples against Podloom's jar on its
# embedded defaults, with a locally served ~2,000-word article, and checks the MP3s they save.
# Usage: bench/seed-workflows.sh            (needs python3 with requests, node ≥ 18; ffprobe optional)
set -euo pipefail
cd "$(dirname "$0")/.."
. .mvn/find-jdk.sh
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
[ -f target/podloom.jar ] || ./mvnw -q -B -DskipTests package

work=$(mktemp -d)
port=18091
page_port=18765
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

(cd src/test/resources/fixtures && exec python3 -m http.server "$page_port" --bind 127.0.0.1 >/dev/null 2>&1) &
PODLOOM_DATA_DIR="$work/data" PODLOOM_ADMIN_TOKEN=bench PODLOOM_FETCH_ALLOW_PRIVATE_NETWORKS=true \
  MICRONAUT_SERVER_PORT=$port "$JAVA" --enable-native-access=ALL-UNNAMED -jar target/podloom.jar > "$work/server.log" 2>&1 &
for _ in $(seq 1 60); do curl -sf "localhost:$port/health" >/dev/null && break; sleep 1; done

json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
account=$(curl -s -X POST "localhost:$port/admin/v1/accounts" -H 'Authorization: Bearer bench' \
  -H 'Content-Type: application/json' -d '{"name":"seed","tier":"pro","credits":1500}' | json '["data"]["account_id"]')
export API_KEY=$(curl -s -X POST "localhost:$port/admin/v1/accounts/$account/api-keys" -H 'Authorization: Bearer bench' \
  -H 'Content-Type: application/json' -d '{"type":"prod"}' | json '["data"]["api_key"]')
export BASE="http://localhost:$port/v1" ARTICLE="http://127.0.0.1:$page_port/article-2000-words.html"

status=0
for run in "python3 $PWD/bench/seed-workflow.py" "node $PWD/bench/seed-workflow.mjs"; do
  echo "== $run"
  start=$(date +%s)
  (cd "$work" && rm -f podcast.mp3 && timeout 900 $run | tail -3) || status=1
  seconds=$(( $(date +%s) - start ))
  if [ -s "$work/podcast.mp3" ]; then
    duration=$(command -v ffprobe >/dev/null && ffprobe -v error -show_entries format=duration -of csv=p=0 "$work/podcast.mp3" || echo "?")
    echo "saved podcast.mp3: $(stat -c %s "$work/podcast.mp3") bytes, ${duration} s of audio (10 min asked), ${seconds} s end to end"
  else
    echo "no podcast.mp3 saved"; status=1
  fi
done
exit $status
