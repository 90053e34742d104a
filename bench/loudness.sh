#!/usr/bin/env bash
# Loudness at every length (issue 11): renders 1-, 5-, 10- and 30-minute episodes on the default voices (the best
# installed engine: flite here, FreeTTS without it) and prints what ffmpeg's ebur128=peak=true measures on the
# final MP3, against the targets −16 ± 1 LUFS integrated and true peak ≤ −1.0 dBTP. Exits 1 if a length misses.
#
#   bench/loudness.sh                       # the Rust book (rustup's offline docs), 1 5 10 30 minutes
#   bench/loudness.sh book.html 1 5 10 30   # any long text, any lengths
#   BENCH_ENGINE=freetts bench/loudness.sh  # the pure-Java voices (a machine without flite)
# Renders through bench/long-render.sh (same table: duration, wall, RSS, LUFS, true peak).
set -euo pipefail
cd "$(dirname "$0")/.."
TEXT="${1:-}"
if [ -z "$TEXT" ]; then
  TEXT="$(rustc --print sysroot 2>/dev/null || true)/share/doc/rust/html/book/print.html"
fi
shift || true
MINUTES=("$@")
[ ${#MINUTES[@]} -gt 0 ] || MINUTES=(1 5 10 30)
TABLE="$(mktemp /tmp/podloom-loudness-XXXXXX)"
trap 'rm -f "$TABLE"' EXIT
BENCH_ENGINE="${BENCH_ENGINE-}" bench/long-render.sh "$TEXT" "${MINUTES[@]}" | tee "$TABLE"
awk '$1 ~ /^[0-9]+$/ && NF >= 10 {
  ok = ($8 >= -17 && $8 <= -15 && $9 <= -1.0); bad += !ok
  printf "%s min: %s LUFS, %s dBTP  %s\n", $1, $8, $9, ok ? "ok" : "MISSES (-16 ± 1 LUFS, <= -1.0 dBTP)" }
  END { exit bad > 0 }' "$TABLE"
