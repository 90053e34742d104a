#!/usr/bin/env bash
# End-to-end time of one podcast through the running service on the embedded defaults (H2, local files, the
# installed voices): POST /v1/podcasts with a prod key, poll the status every 250 ms until completed.
# Usage: bench/end-to-end.sh [minutes=10]   (see bench/README.md)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
trap bench_cleanup EXIT
bench_jar

MINUTES=${1:-10}
bench_tmpdir WORK
unset DATASOURCES_DEFAULT_URL DATASOURCES_DEFAULT_USERNAME DATASOURCES_DEFAULT_PASSWORD
mkdir -p "$WORK/site"
cp src/test/resources/fixtures/article-2000-words.html "$WORK/site/article.html"
SITE_PORT=$(bench_free_port)
python3 -m http.server "$SITE_PORT" --bind 127.0.0.1 --directory "$WORK/site" >"$WORK/site.log" 2>&1 &
BENCH_PIDS+=("$!")
# Only the prod key's requests_per_minute/_hour are raised, so polling every 250 ms is not answered 429.
awk '/^  prod:/ {prod=1}
     prod && /requests_per_(minute|hour):/ { sub(/[0-9]+$/, "100000") }
     { print }' pricing-rules.yaml >"$WORK/pricing-rules.yaml"
export PODLOOM_PRICING_RULES="$WORK/pricing-rules.yaml"
export PODLOOM_DATA_DIR="$WORK/data" PODLOOM_ADMIN_TOKEN="bench-$RANDOM$RANDOM" PODLOOM_FETCH_ALLOW_PRIVATE_NETWORKS=true
MICRONAUT_SERVER_PORT=$(bench_free_port)
export MICRONAUT_SERVER_PORT
echo "End to end: one $MINUTES-minute podcast, prod key, embedded defaults, $(nproc) cores;" \
  "load average $(cut -d' ' -f1-3 /proc/loadavg)"
bench_start_service "$WORK/service.log"
"$JAVA" -cp target/podloom.jar bench/JobsCheck.java e2e "http://127.0.0.1:$MICRONAUT_SERVER_PORT" \
  "$PODLOOM_ADMIN_TOKEN" "http://127.0.0.1:$SITE_PORT/article.html" "$MINUTES" 600
grep -E "Podcast .* completed" "$WORK/service.log" | cut -c1-200 | sed 's/^/service: /' || true
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
