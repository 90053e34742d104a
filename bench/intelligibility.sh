#!/usr/bin/env bash
# Intelligibility of the offline default: renders fixture articles at 2 minutes on the default voices with the
# jar's `render` command, transcribes each voice with pocketsphinx and prints the word error rate against the
# written transcript (see bench/intelligibility.py for exactly what is compared), plus the script checks:
# second host's share of words, lines repeated within 5 minutes, title suffix.
#
#   bench/intelligibility.sh                      # the three fixture articles
#   bench/intelligibility.sh tech-doc-ownership   # one of them (file name under src/test/resources/fixtures, no .html)
#   PODLOOM_JAR=/path/other.jar bench/intelligibility.sh   # another build, e.g. to compare before/after
#   BENCH_MINUTES=5 bench/intelligibility.sh
#   BENCH_RENDER_ARGS="--voice Alex=flite-awb --voice Sam=flite-awb" bench/intelligibility.sh   # other voices
# Needs: JDK 25 (.mvn/find-jdk.sh), ffmpeg, python3, pocketsphinx + pocketsphinx-en-us (Debian).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
trap bench_cleanup EXIT
for tool in ffmpeg python3 pocketsphinx_continuous; do
  command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install ffmpeg python3 pocketsphinx pocketsphinx-en-us)" >&2; exit 2; }
done
. .mvn/find-jdk.sh
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
JAR="${PODLOOM_JAR:-target/podloom.jar}"
if [ ! -f "$JAR" ]; then
  ./mvnw -q -B -DskipTests package
fi
MINUTES="${BENCH_MINUTES:-2}"
ARTICLES=("$@")
if [ ${#ARTICLES[@]} -eq 0 ]; then
  ARTICLES=(article-2000-words tech-doc-ownership news-city-budget)
fi
bench_tmpdir OUT
PORT=$(bench_free_port)
python3 -m http.server "$PORT" --bind 127.0.0.1 -d src/test/resources/fixtures >/dev/null 2>&1 &
BENCH_PIDS+=($!)
for _ in $(seq 50); do
  python3 -c "import socket; socket.create_connection(('127.0.0.1', $PORT), 0.2)" 2>/dev/null && break
  sleep 0.1
done
echo "jar: $JAR; $MINUTES-minute deep_dive on the default voices${BENCH_RENDER_ARGS:+ ($BENCH_RENDER_ARGS)}; $(uptime | sed 's/.*load/load/')"
for article in "${ARTICLES[@]}"; do
  echo "== $article"
  "$JAVA" --enable-native-access=ALL-UNNAMED -Xmx512m -jar "$JAR" render \
    --url "http://127.0.0.1:$PORT/$article.html" --minutes "$MINUTES" --allow-private-networks ${BENCH_RENDER_ARGS:-} \
    --out "$OUT/$article.mp3" 2>/dev/null >"$OUT/$article.txt"
  grep -E '^(Title|Duration|Voices):' "$OUT/$article.txt" | sed 's/^/  /'
  title=$(sed -n 's/^Title: *//p' "$OUT/$article.txt")
  python3 bench/intelligibility.py "$OUT/$article.mp3" "$OUT/$article.vtt" "$title"
done
