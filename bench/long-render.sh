#!/usr/bin/env bash
# Long-episode benchmark (issue 14): renders 10-, 60- and 120-minute episodes from one long text with the
# `render` command under a fixed heap, and prints peak RSS, wall time, real-time factor and what ffmpeg measures
# on the published MP3 (integrated loudness, true peak). See bench/README.md.
#
#   bench/long-render.sh [TEXT_FILE] [MINUTES...]
#
# TEXT_FILE defaults to the Rust book as one page (rustup's offline docs, share/doc/rust/html/book/print.html),
# ~1.8 MB of HTML, long enough for 120 minutes without repeating a sentence. Env: BENCH_JAVA_OPTS (default
# -Xmx384m), PODLOOM_JAR (default target/podloom.jar), BENCH_ENGINE (default freetts: the pure-Java voices, as on a machine without flite; "" = best installed).
set -euo pipefail
cd "$(dirname "$0")/.."
. .mvn/find-jdk.sh
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
TEXT="${1:-}"
if [ -z "$TEXT" ]; then
  SYSROOT="$(rustc --print sysroot 2>/dev/null || true)"
  TEXT="$SYSROOT/share/doc/rust/html/book/print.html"
fi
if [ ! -f "$TEXT" ]; then
  echo "long-render: no text file '$TEXT'; pass one (HTML, Markdown or plain text of 20,000+ words)" >&2
  exit 2
fi
shift || true
MINUTES=("$@")
[ ${#MINUTES[@]} -gt 0 ] || MINUTES=(10 60 120)
ENGINE="${BENCH_ENGINE-freetts}"
JAR="${PODLOOM_JAR:-target/podloom.jar}"
if [ ! -f "$JAR" ]; then
  ./mvnw -q -B -DskipTests package
fi
OUT="$(mktemp -d /tmp/podloom-long-XXXXXX)"
trap 'rm -rf "$OUT"' EXIT
echo "Podloom long render: $(basename "$TEXT"), heap ${BENCH_JAVA_OPTS:--Xmx384m}, engine ${ENGINE:-default}, $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)"
printf '%-8s %-10s %-9s %-8s %-9s %-10s %-9s %-9s %-6s %-6s\n' minutes duration deviation wall realtime peak_rss cpu_s lufs tp_dbtp cues
for m in "${MINUTES[@]}"; do
  args=(render --text-file "$TEXT" --minutes "$m" --out "$OUT/e$m.mp3")
  [ -n "$ENGINE" ] && args+=(--engine "$ENGINE")
  /usr/bin/time -v -o "$OUT/time$m" "$JAVA" --enable-native-access=ALL-UNNAMED ${BENCH_JAVA_OPTS:--Xmx384m} \
    -jar "$JAR" "${args[@]}" >"$OUT/out$m" 2>"$OUT/err$m" || { echo "render of $m min failed:"; tail -5 "$OUT/err$m"; exit 1; }
  rss_kb=$(awk -F': ' '/Maximum resident/ {print $2}' "$OUT/time$m")
  user=$(awk -F': ' '/User time/ {print $2}' "$OUT/time$m")
  sys=$(awk -F': ' '/System time/ {print $2}' "$OUT/time$m")
  wall=$(awk -F': ' '/Elapsed/ {print $2}' "$OUT/time$m")
  dur=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$OUT/e$m.mp3")
  loud=$(ffmpeg -hide_banner -nostats -i "$OUT/e$m.mp3" -af ebur128=peak=true -f null - 2>&1 | sed -n '/Summary/,$p')
  lufs=$(echo "$loud" | awk '/ I:/ {print $2}')
  tp=$(echo "$loud" | awk '/Peak:/ {print $2}')
  cues=$(grep -c -- '-->' "$OUT/e$m.vtt")
  awk -v m="$m" -v d="$dur" -v w="$wall" -v r="$rss_kb" -v u="$user" -v s="$sys" -v l="$lufs" -v t="$tp" -v c="$cues" 'BEGIN {
    n = split(w, p, ":"); secs = (n == 3) ? p[1]*3600 + p[2]*60 + p[3] : p[1]*60 + p[2];
    printf "%-8s %-10.1f %-+9.1f %-8.1f %-9.0f %-10.0f %-9.1f %-9s %-6s %-6s\n", m, d, (d - m*60) / (m*60) * 100, secs, d / secs, r / 1024, u + s, l, t, c }'
  grep -E "^(Stages|Voices):" "$OUT/out$m" | sed 's/^/         /'
done
echo "peak_rss in MB (kernel's max RSS of the JVM); lufs/tp_dbtp measured by ffmpeg ebur128=peak=true on the MP3; cues = transcript cues"
