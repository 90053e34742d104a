#!/usr/bin/env bash
# POST /v1/podcasts latency and throughput with 32 clients, on H2 and on PostgreSQL, then an exact ledger check
# (see bench/README.md). Usage: bench/submit-benchmark.sh [h2|postgres|both] (default both)
#   BENCH_CLIENTS=32 BENCH_SECONDS=20 BENCH_WARMUP=8 BENCH_ACCOUNTS=1 (clients spread over N accounts, a key each)
#   BENCH_H2_WRITE_DELAY=500 (H2 with delayed commits, to measure what durable commits cost)
#   BENCH_JAVA_OPTS=... (service JVM)  BENCH_JFR=1 (JFR recording of the service into bench/submit-<db>.jfr)
# On PostgreSQL it samples pg_stat_activity every 0.2 s while the measured phase runs and prints what the
# service's connections were doing (running, idle, waiting on a lock ...). BENCH_THREADS=1 takes 10 thread dumps
# of the service (jcmd Thread.print) while measuring and prints where its request threads were.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
trap bench_cleanup EXIT
bench_jar

WHICH=${1:-both}
CLIENTS=${BENCH_CLIENTS:-32}
SECONDS_=${BENCH_SECONDS:-20}
WARMUP=${BENCH_WARMUP:-8}
ACCOUNTS=${BENCH_ACCOUNTS:-1}

bench_tmpdir WORK
# Pricing rules with the prod key's rate and concurrency limits out of the way: only money and speed matter.
# (Jobs are disabled, so every accepted podcast stays 'requested' and counts against concurrent_generations.)
awk '/^  prod:/ {prod=1}
     prod && /(requests|generations)_per_(minute|hour):|concurrent_generations:/ { sub(/[0-9]+$/, "100000000") }
     { print }' pricing-rules.yaml >"$WORK/pricing-rules.yaml"

sample_postgres() { # sample_postgres FILE: one line per service connection per sample, for the measured seconds
  local i n=$((SECONDS_ * 5))
  for i in $(seq 1 "$n"); do
    runuser -u postgres -- "$PG_BIN/psql" -qAt -h 127.0.0.1 -p "$PG_PORT" -U postgres -d podloom -c \
      "SELECT state || ' / ' || COALESCE(wait_event_type || ':' || wait_event, 'on CPU') || ' ' ||
              CASE WHEN state = 'active' THEN left(regexp_replace(query, '\s+', ' ', 'g'), 60) ELSE '' END
       FROM pg_stat_activity WHERE datname = 'podloom' AND pid <> pg_backend_pid()
         AND application_name NOT LIKE 'psql%'" >>"$1" 2>/dev/null || true
    sleep 0.2
  done
}

sample_threads() { # sample_threads FILE: the first Podloom frame and the top frame of each request thread (virtual
  # threads, so jcmd Thread.dump_to_file), 10 dumps over the measured phase
  local i dump="$1.dump"
  for i in $(seq 1 10); do
    sleep "$(awk -v s="$SECONDS_" 'BEGIN { print s / 11 }')"
    "${JAVA_HOME:+$JAVA_HOME/bin/}jcmd" "$SERVICE_PID" Thread.dump_to_file -overwrite "$dump" >/dev/null 2>&1 || continue
    cat "$dump" >>"$1.all"
    awk '
      function flush() { if (top != "" && podloom != "") print podloom " <- " top; top = ""; podloom = "" }
      /^#[0-9]+ / { flush(); virtual = ($0 ~ /" virtual /); next }
      virtual && /^ +at / { f = $2; if (top == "") top = f; if (podloom == "" && f ~ /dev\.podloom/) podloom = f }
      END { flush() }' "$dump" | sed -E 's/\([^)]*\)//g' >>"$1"
  done
}

run_one() { # run_one h2|postgres
  local db=$1
  local data="$WORK/$db"
  mkdir -p "$data"
  (
    BENCH_TMP=()   # this subshell's own service and PostgreSQL; the parent removes $WORK
    trap bench_cleanup EXIT
    if [ "$db" = postgres ]; then
      bench_postgres_start
    else
      unset DATASOURCES_DEFAULT_URL DATASOURCES_DEFAULT_USERNAME DATASOURCES_DEFAULT_PASSWORD
      if [ -n "${BENCH_H2_WRITE_DELAY:-}" ]; then # compare with H2's delayed commits (default 500 ms; ours is 0)
        export DATASOURCES_DEFAULT_URL="jdbc:h2:file:$data/podloom;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000;WRITE_DELAY=$BENCH_H2_WRITE_DELAY"
        export DATASOURCES_DEFAULT_USERNAME=sa DATASOURCES_DEFAULT_PASSWORD=
      fi
    fi
    export PODLOOM_DATA_DIR="$data" PODLOOM_ADMIN_TOKEN="bench-$RANDOM$RANDOM" PODLOOM_JOBS_ENABLED=false
    export PODLOOM_PRICING_RULES="$WORK/pricing-rules.yaml" PODLOOM_LOG_LEVEL=WARN
    MICRONAUT_SERVER_PORT=$(bench_free_port)
    export MICRONAUT_SERVER_PORT
    if [ -n "${BENCH_JFR:-}" ]; then
      BENCH_JAVA_OPTS="${BENCH_JAVA_OPTS:-} -XX:StartFlightRecording=filename=bench/submit-$db.jfr,settings=profile"
    fi
    bench_start_service "$data/service.log"
    "$JAVA" -cp target/podloom.jar bench/SubmitBenchmark.java "http://127.0.0.1:$MICRONAUT_SERVER_PORT" \
      "$PODLOOM_ADMIN_TOKEN" "$db" "$CLIENTS" "$SECONDS_" "$WARMUP" "$ACCOUNTS" | {
        sampler=""
        while IFS= read -r line; do
          case "$line" in
            MEASURE-START)
              if [ "$db" = postgres ]; then sample_postgres "$data/waits.txt" & sampler=$!; fi
              if [ -n "${BENCH_THREADS:-}" ]; then sample_threads "$data/threads.txt" & sampler="$sampler $!"; fi ;;
            MEASURE-END) ;;
            *) echo "$line" ;;
          esac
        done
        if [ -n "$sampler" ]; then wait $sampler; fi
      }
    rc=${PIPESTATUS[0]}
    if [ -s "$data/waits.txt" ]; then
      echo "PostgreSQL sessions of the service while measuring (state / wait event: share of samples):"
      sort "$data/waits.txt" | uniq -c | sort -rn | awk -v n="$(wc -l <"$data/waits.txt")" \
        '{c=$1; $1=""; printf "  %5.1f%%  %s\n", 100*c/n, $0}' | head -n 8
    fi
    if [ -s "$data/threads.txt" ]; then
      echo "request threads of the service while measuring (top frame: share of samples):"
      sort "$data/threads.txt" | uniq -c | sort -rn | awk -v n="$(wc -l <"$data/threads.txt")" \
        '{c=$1; $1=""; printf "  %5.1f%%  %s\n", 100*c/n, $0}' | head -n 8
    fi
    if grep -q "Job scheduler started" "$data/service.log"; then
      echo "WARNING: the job scheduler ran (PODLOOM_JOBS_ENABLED=false was not applied)"
    fi
    echo "load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
    exit "$rc"
  ) # leaving the subshell stops the service (and PostgreSQL), so the runs never overlap

}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
case "$WHICH" in
  h2) run_one h2 ;;
  postgres) run_one postgres ;;
  both) run_one h2; echo; run_one postgres ;;
  *) echo "usage: $0 [h2|postgres|both]" >&2; exit 2 ;;
esac
