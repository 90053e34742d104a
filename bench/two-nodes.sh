#!/usr/bin/env bash
# Two nodes of the real jar on one PostgreSQL and one shared objects directory (see bench/README.md): submissions
# split across both for a balance that covers BENCH_AFFORDABLE podcasts, node 1 killed with kill -9 while it renders,
# node 2 finishes its jobs; then node 1 comes back and every podcast's link, asked from either node, downloads the
# same bytes from either node. Checks every podcast completes exactly once and the money is exact; prints figures.
# Usage: bench/two-nodes.sh      BENCH_AFFORDABLE=6 BENCH_REQUESTS=20 (concurrent POSTs, split across the nodes)
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
trap bench_cleanup EXIT
bench_jar

AFFORDABLE=${BENCH_AFFORDABLE:-6}
REQUESTS=${BENCH_REQUESTS:-20}
bench_tmpdir WORK
bench_postgres_start
psql_() { runuser -u postgres -- "$PG_BIN/psql" -qAt -h 127.0.0.1 -p "$PG_PORT" -U postgres -d podloom -c "$1"; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# The article, served by a local python3 http.server.
mkdir -p "$WORK/site"
cp src/test/resources/fixtures/article-2000-words.html "$WORK/site/article.html"
SITE_PORT=$(bench_free_port)
python3 -m http.server "$SITE_PORT" --bind 127.0.0.1 --directory "$WORK/site" >"$WORK/site.log" 2>&1 &
BENCH_PIDS+=("$!")
ARTICLE="http://127.0.0.1:$SITE_PORT/article.html"

# Prod limits out of the way (money decides what is accepted; polling is not throttled).
awk '/^  prod:/ {prod=1}
     prod && /(requests|generations)_per_(minute|hour):|concurrent_generations:/ { sub(/[0-9]+$/, "100000") }
     { print }' pricing-rules.yaml >"$WORK/pricing-rules.yaml"
export PODLOOM_PRICING_RULES="$WORK/pricing-rules.yaml" PODLOOM_ADMIN_TOKEN="bench-$RANDOM$RANDOM"
export PODLOOM_FETCH_ALLOW_PRIVATE_NETWORKS=true PODLOOM_LOG_LEVEL=INFO PODLOOM_ACCESS_LOG=false
# What several nodes need: one database (above), one objects directory, one link secret (in the database).
export PODLOOM_STORAGE_LOCAL_DIRECTORY="$WORK/objects"
# A dead node's job runs again after 4 missed 2 s heartbeats (8 s) instead of the default 6 × 5 s.
export PODLOOM_JOBS_HEARTBEAT_INTERVAL=2s PODLOOM_JOBS_MISSED_HEARTBEATS_LIMIT=4

start_node() { # start_node N PORT: PODLOOM_DATA_DIR and the node name are the node's own
  PODLOOM_DATA_DIR="$WORK/node$1" PODLOOM_JOBS_NODE_NAME="node-$1" MICRONAUT_SERVER_PORT="$2" \
    PODLOOM_PUBLIC_BASE_URL="http://127.0.0.1:$2" bench_start_service "$WORK/node$1.log"
}
PORT1=$(bench_free_port)
PORT2=$(bench_free_port)
NODE1="http://127.0.0.1:$PORT1"
NODE2="http://127.0.0.1:$PORT2"
echo "Two nodes on PostgreSQL with a shared objects directory; $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
start_node 1 "$PORT1"
NODE1_PID=$SERVICE_PID
start_node 2 "$PORT2"
if grep -q "Local storage on PostgreSQL" "$WORK/node1.log"; then
  echo "startup warning (node 1): $(grep -o 'Local storage on PostgreSQL[^.]*' "$WORK/node1.log" | head -n 1)…"
fi

ADMIN=(-H "Authorization: Bearer $PODLOOM_ADMIN_TOKEN" -H 'Content-Type: application/json')
ACCOUNT=$(curl -s -X POST "$NODE1/admin/v1/accounts" "${ADMIN[@]}" -d '{"name":"bench","tier":"pro","credits":0}' \
  | json 'd["data"]["account_id"]')
API_KEY=$(curl -s -X POST "$NODE2/admin/v1/accounts/$ACCOUNT/api-keys" "${ADMIN[@]}" -d '{"type":"prod"}' \
  | json 'd["data"]["api_key"]')
KEY=(-H "X-Api-Key: $API_KEY")
PRICE=$(curl -s "$NODE1/v1/estimate-cost?duration_minutes=1&source_count=1&voice_count=2" "${KEY[@]}" \
  | json 'd["data"]["final_credits"]')
INITIAL=$((AFFORDABLE * PRICE + PRICE / 2))
curl -s -o /dev/null -X POST "$NODE2/admin/v1/accounts/$ACCOUNT/credits" "${ADMIN[@]}" \
  -d "{\"amount\":$INITIAL,\"reason\":\"bench\"}"
echo "balance $INITIAL credits: enough for $AFFORDABLE podcasts of $PRICE; $REQUESTS concurrent POSTs, odd ones to node 1"

mkdir -p "$WORK/answers"
SUBMITTED=$(now)
CLIENTS=()
for i in $(seq 1 "$REQUESTS"); do
  if [ $((i % 2)) -eq 1 ]; then node=$NODE1; else node=$NODE2; fi
  curl -s -o "$WORK/answers/$i.json" -w '%{http_code}\n' -X POST "$node/v1/podcasts" "${KEY[@]}" \
    -H 'Content-Type: application/json' \
    -d "{\"urls\":[\"$ARTICLE?n=$i\"],\"target_duration_minutes\":1}" >"$WORK/answers/$i.status" &
  CLIENTS+=("$!")
done
wait "${CLIENTS[@]}"
ANSWERED=$(since "$SUBMITTED")
ACCEPTED=$(cat "$WORK"/answers/*.status | grep -c '^202$' || true)
REFUSED=$(cat "$WORK"/answers/*.status | grep -c '^402$' || true)
echo "answers in $ANSWERED s: $ACCEPTED × 202, $REFUSED × 402 INSUFFICIENT_CREDITS," \
  "$((REQUESTS - ACCEPTED - REFUSED)) other"

# Kill node 1 as soon as it is rendering (its name on a picked job), after BENCH_KILL_AFTER s more.
for _ in $(seq 1 600); do
  [ "$(psql_ "SELECT COUNT(*) FROM scheduled_tasks WHERE picked AND picked_by = 'node-1' AND task_name = 'render-podcast'")" -gt 0 ] && break
  sleep 0.1
done
sleep "${BENCH_KILL_AFTER:-1}"
IN_HANDS=$(psql_ "SELECT task_instance FROM scheduled_tasks WHERE picked AND picked_by = 'node-1' AND task_name = 'render-podcast'")
kill -9 "$NODE1_PID"
KILLED=$(now)
echo "kill -9 of node 1 $(since "$SUBMITTED") s after the submissions, with $(echo "$IN_HANDS" | grep -c . || true)" \
  "render(s) in its hands: $(echo $IN_HANDS)"
IDS=$(for f in "$WORK"/answers/*.json; do json 'd.get("data",{}).get("podcast_id","")' <"$f"; done | grep . || true)

# Node 2 alone now: wait for node 1's jobs to be run again, then for every podcast to end.
REVIVED=""
for _ in $(seq 1 1200); do
  left=0
  for id in $IN_HANDS; do
    [ "$(psql_ "SELECT attempts FROM podcasts WHERE id = '$id'")" -ge 2 ] || left=$((left + 1))
  done
  if [ "$left" -eq 0 ]; then REVIVED=$(since "$KILLED"); break; fi
  sleep 0.2
done
echo "node 2 restarted node 1's renders ${REVIVED:-never} s after the kill"
for _ in $(seq 1 3000); do
  open=$(psql_ "SELECT COUNT(*) FROM podcasts WHERE account_id = '$ACCOUNT' AND status IN ('requested','processing')")
  [ "$open" -eq 0 ] && break
  sleep 0.2
done
echo "every podcast ended $(since "$KILLED") s after the kill ($(since "$SUBMITTED") s after the submissions)"

FAILED=0
check() { if [ "$1" != "$2" ]; then echo "FAIL: $3: $1, expected $2"; FAILED=1; else echo "ok: $3: $1"; fi; }
check "$ACCEPTED" "$AFFORDABLE" "accepted"
check "$(psql_ "SELECT COUNT(*) FROM podcasts WHERE account_id = '$ACCOUNT' AND status = 'completed'")" "$ACCEPTED" \
  "podcasts completed"
check "$(psql_ "SELECT COUNT(*) FROM podcasts WHERE account_id = '$ACCOUNT' AND attempts > 1")" \
  "$(echo "$IN_HANDS" | grep -c . || true)" "podcasts run twice (exactly node 1's)"
check "$(psql_ "SELECT balance FROM accounts WHERE id = '$ACCOUNT'")" "$((INITIAL - ACCEPTED * PRICE))" "balance"
check "$(psql_ "SELECT SUM(amount) FROM ledger_entries WHERE account_id = '$ACCOUNT'")" \
  "$((INITIAL - ACCEPTED * PRICE))" "ledger sum"
check "$(psql_ "SELECT COUNT(*) FROM ledger_entries WHERE account_id = '$ACCOUNT' AND kind = 'charge'")" "$ACCEPTED" \
  "charges"
check "$(psql_ "SELECT COUNT(*) FROM ledger_entries WHERE account_id = '$ACCOUNT' AND kind = 'refund'")" "0" "refunds"

# Node 1 comes back on its own data dir; every link, asked from either node, downloads the same bytes on both.
echo "----- restart -----" >>"$WORK/node1.log"
start_node 1 "$PORT1"
same=0
for id in $IDS; do
  sums=""
  for asked in "$NODE1" "$NODE2"; do
    url=$(curl -s "$asked/v1/podcasts/$id/download" "${KEY[@]}" | json 'd["data"]["download_url"]')
    path=${url#http://127.0.0.1:*/}
    for served in "$NODE1" "$NODE2"; do
      sums="$sums $(curl -s -f "$served/$path" | sha256sum | cut -c1-16)"
    done
  done
  if [ "$(echo $sums | tr ' ' '\n' | sort -u | wc -l)" -eq 1 ] && [ "$(echo $sums | cut -d' ' -f1)" != "e3b0c44298fc1c14" ]; then
    same=$((same + 1))
  fi
done
check "$same" "$ACCEPTED" "podcasts whose links from either node download the same bytes on both"
exit "$FAILED"
