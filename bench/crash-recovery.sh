#!/usr/bin/env bash
# Crash recovery of the podcast jobs, for real with the jar (see bench/README.md): submit 4 × 3-minute podcasts and
# one whose URL answers 404, kill -9 the service while one is processing, start it again on the same data, poll
# every podcast to the end and check states and money. Exits non-zero on any violation.
# Usage: bench/crash-recovery.sh [--postgres]     BENCH_COUNT=4 BENCH_MINUTES=3 BENCH_KILL_AFTER=2 (s of processing)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
trap bench_cleanup EXIT
bench_jar

COUNT=${BENCH_COUNT:-4}
MINUTES=${BENCH_MINUTES:-3}
KILL_AFTER=${BENCH_KILL_AFTER:-2}
bench_tmpdir WORK
if [ "${1:-}" = "--postgres" ]; then
  bench_postgres_start
  DB=postgres
else
  unset DATASOURCES_DEFAULT_URL DATASOURCES_DEFAULT_USERNAME DATASOURCES_DEFAULT_PASSWORD
  DB=h2
fi

# The article, served by a local python3 http.server; /missing.html answers 404.
mkdir -p "$WORK/site"
cp src/test/resources/fixtures/article-2000-words.html "$WORK/site/article.html"
SITE_PORT=$(bench_free_port)
python3 -m http.server "$SITE_PORT" --bind 127.0.0.1 --directory "$WORK/site" >"$WORK/site.log" 2>&1 &
BENCH_PIDS+=("$!")
ARTICLE="http://127.0.0.1:$SITE_PORT/article.html"
MISSING="http://127.0.0.1:$SITE_PORT/missing.html"

# The prod key's requests_per_minute/_hour raised so polling every 0.5 s is not answered 429 (the generation and
# concurrency limits stay as shipped: 5 podcasts at once is exactly the prod key's concurrent_generations).
awk '/^  prod:/ {prod=1}
     prod && /requests_per_(minute|hour):/ { sub(/[0-9]+$/, "100000") }
     { print }' pricing-rules.yaml >"$WORK/pricing-rules.yaml"
export PODLOOM_PRICING_RULES="$WORK/pricing-rules.yaml"
export PODLOOM_DATA_DIR="$WORK/data" PODLOOM_ADMIN_TOKEN="bench-$RANDOM$RANDOM"
export PODLOOM_FETCH_ALLOW_PRIVATE_NETWORKS=true
# Micronaut maps PODLOOM_JOBS_HEARTBEAT_INTERVAL to podloom.jobs.heartbeat-interval (and the limit likewise):
# a run is dead after 4 missed 2 s heartbeats (8 s) instead of the default 6 × 5 s (30 s). db-scheduler refuses
# a limit under 4 ("Heartbeat-limit must be at least 4"), which also proves the variable reaches it.
export PODLOOM_JOBS_HEARTBEAT_INTERVAL=2s PODLOOM_JOBS_MISSED_HEARTBEATS_LIMIT=4
MICRONAUT_SERVER_PORT=$(bench_free_port)
export MICRONAUT_SERVER_PORT
BASE="http://127.0.0.1:$MICRONAUT_SERVER_PORT"
LOG="$WORK/service.log"
CHECK=("$JAVA" -cp target/podloom.jar bench/JobsCheck.java)
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

echo "Crash recovery on $DB: $COUNT × $MINUTES-minute podcasts + 1 whose URL answers 404, prod key, $(nproc) cores," \
  "heartbeat 2 s × 4; load average $(cut -d' ' -f1-3 /proc/loadavg)"
bench_start_service "$LOG"
"${CHECK[@]}" submit "$BASE" "$PODLOOM_ADMIN_TOKEN" "$WORK/state.properties" "$ARTICLE" "$MISSING" "$COUNT" "$MINUTES"
set +e
"${CHECK[@]}" wait "$BASE" "$WORK/state.properties" 120
waited=$?
set -e
if [ "$waited" -eq 4 ]; then exit 1; fi
sleep "$KILL_AFTER"
kill -9 "$SERVICE_PID"
wait "$SERVICE_PID" 2>/dev/null || true
KILLED_AT=$(now)
echo "kill -9 of the service at $(date +%T) ($KILL_AFTER s after a podcast was seen processing)"
echo "----- restart -----" >>"$LOG"
bench_start_service "$LOG"
echo "service answering again $(since "$KILLED_AT") s after the kill"
set +e
"${CHECK[@]}" finish "$BASE" "$PODLOOM_ADMIN_TOKEN" "$WORK/state.properties" 900
rc=$?
set -e
echo "total from the kill to the last podcast ended: $(since "$KILLED_AT") s"
echo "revived runs (service log after the restart):"
sed -n '/----- restart -----/,$p' "$LOG" | grep -E "restarted \(attempt|RENDER_ABANDONED" | sed 's/^/  /' || echo "  none"
echo "podcasts ended after the restart:"
sed -n '/----- restart -----/,$p' "$LOG" | grep -E "Podcast .* (completed|failed)" | cut -c1-140 | sed 's/^/  /' || true
exit "$rc"
