#!/usr/bin/env bash
# Time from `java -jar` to a ready /health on an existing data directory, and the idle RSS, with and
# without the AOT cache (JEP 483/514, JDK 25). Creates the cache (target/podloom.aot) when it is missing.
#   bench/startup.sh                 # 5 runs each
#   RUNS=10 bench/startup.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. .mvn/find-jdk.sh
JAVA="$JAVA_HOME/bin/java"
RUNS=${RUNS:-5}
PORT=${PORT:-18093}
JAR=target/podloom.jar
AOT=target/podloom.aot
[ -f "$JAR" ] || ./mvnw -q -B -DskipTests package
DATA=$(mktemp -d)
trap 'rm -rf "$DATA"' EXIT
export PODLOOM_DATA_DIR="$DATA" MICRONAUT_SERVER_PORT="$PORT" PODLOOM_ACCESS_LOG=false PODLOOM_ADMIN_TOKEN=bench

now_ms() { date +%s%3N; }

# start java with the given options; wait for /health; print "<ms to ready> <idle RSS MB>"; stop it
run() {
  local start pid ready rss
  start=$(now_ms)
  "$JAVA" --enable-native-access=ALL-UNNAMED "$@" -jar "$JAR" >"$DATA/log" 2>&1 &
  pid=$!
  until curl -sf "localhost:$PORT/health" >/dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || { echo "the service exited:"; cat "$DATA/log"; exit 1; }
    sleep 0.02
  done
  ready=$(( $(now_ms) - start ))
  sleep 5 # idle
  rss=$(awk '/VmRSS/ {printf "%d", $2 / 1024}' "/proc/$pid/status")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$ready $rss"
}

# 1. an existing data directory: the first start creates the database (migrations), later ones reuse it
run >/dev/null
# 2. the AOT cache: one training run records the classes loaded and linked until the service is ready
if [ ! -f "$AOT" ]; then
  echo "creating $AOT (one training run)"
  run -XX:AOTCacheOutput="$AOT" >/dev/null
fi

report() {
  local label=$1; shift
  local all=() rss=()
  for _ in $(seq "$RUNS"); do
    read -r ms mb < <(run "$@")
    all+=("$ms"); rss+=("$mb")
  done
  printf '%-22s time to ready (ms): %s   median %s   idle RSS (MB): %s\n' "$label" "${all[*]}" \
    "$(printf '%s\n' "${all[@]}" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p")" "${rss[*]}"
}
echo "JDK: $("$JAVA" -version 2>&1 | head -1); cores: $(nproc); load: $(cut -d' ' -f1-3 /proc/loadavg)"
report "without AOT cache"
report "with AOT cache" -XX:AOTCache="$AOT"
