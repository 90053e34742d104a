# Helpers sourced by bench/submit-benchmark.sh and bench/crash-recovery.sh: a throwaway PostgreSQL,
# the service started from target/podloom.jar, free ports. Everything listens on 127.0.0.1 only.
# Callers set `trap bench_cleanup EXIT`; it stops what these helpers started (by pid) and removes temp dirs.

BENCH_PIDS=()
BENCH_TMP=()
BENCH_PGDATA=""

bench_cleanup() {
  local pid
  for pid in "${BENCH_PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${BENCH_PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  if [ -n "$BENCH_PGDATA" ]; then
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$BENCH_PGDATA" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  local d
  for d in "${BENCH_TMP[@]}"; do
    if [ -z "${BENCH_KEEP:-}" ]; then rm -rf "$d"; else echo "kept $d"; fi
  done
}

bench_tmpdir() { # bench_tmpdir VAR: a new temp dir, removed on exit
  local d
  d=$(mktemp -d /tmp/podloom-bench.XXXXXX)
  BENCH_TMP+=("$d")
  printf -v "$1" '%s' "$d"
}

bench_free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

bench_jar() {
  . .mvn/find-jdk.sh
  JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
  if [ ! -f target/podloom.jar ]; then
    ./mvnw -q -B -o -DskipTests package
  fi
}

# Debian's PostgreSQL (apt-get install -y postgresql when missing), a fresh cluster in a temp dir run as the
# postgres user, on 127.0.0.1:$PG_PORT; exports DATASOURCES_DEFAULT_URL/_USERNAME/_PASSWORD for the service.
bench_postgres_start() {
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$PG_BIN" ]; then
    echo "PostgreSQL not found: installing Debian's postgresql" >&2
    apt-get install -y -q postgresql >/dev/null
    PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  fi
  local dir
  bench_tmpdir dir
  chown postgres "$dir"
  chmod 700 "$dir"
  BENCH_PGDATA="$dir/data"
  PG_PORT=$(bench_free_port)
  runuser -u postgres -- "$PG_BIN/initdb" -D "$BENCH_PGDATA" -A trust -U postgres -E UTF8 --no-sync >/dev/null
  # Durable commits (fsync on, synchronous_commit on) as in production; a pool of 20 per node fits max_connections.
  runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$BENCH_PGDATA" -l "$dir/postgres.log" -w \
    -o "-p $PG_PORT -k $dir -c listen_addresses=127.0.0.1 -c max_connections=100 -c shared_buffers=128MB" \
    start >/dev/null
  runuser -u postgres -- "$PG_BIN/psql" -q -h 127.0.0.1 -p "$PG_PORT" -U postgres \
    -c "CREATE DATABASE podloom" >/dev/null
  export DATASOURCES_DEFAULT_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/podloom"
  export DATASOURCES_DEFAULT_USERNAME=postgres
  export DATASOURCES_DEFAULT_PASSWORD=postgres
  echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT ($BENCH_PGDATA)"
}

# bench_start_service LOGFILE: java -jar target/podloom.jar in the background with the current environment
# (PODLOOM_*, MICRONAUT_SERVER_PORT, DATASOURCES_*); sets SERVICE_PID and waits until /health answers.
bench_start_service() {
  local log=$1
  "$JAVA" ${BENCH_JAVA_OPTS:-} -jar target/podloom.jar >>"$log" 2>&1 &
  SERVICE_PID=$!
  BENCH_PIDS+=("$SERVICE_PID")
  local i
  for i in $(seq 1 120); do
    if curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$MICRONAUT_SERVER_PORT/health"; then
      return 0
    fi
    if ! kill -0 "$SERVICE_PID" 2>/dev/null; then
      echo "the service stopped while starting; its log:" >&2
      tail -n 40 "$log" >&2
      return 1
    fi
    sleep 0.5
  done
  echo "the service did not answer /health within 60 s" >&2
  return 1
}
