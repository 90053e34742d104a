#!/usr/bin/env bash
# Time from `java` to a ready /health on an existing data directory, the CPU the JVM spent until then, and the
# idle RSS: the README's run command (with the JDK 25 AOT cache target/podloom.aot that `./mvnw package` writes,
# JEP 483/514, on a jar whose bean list Micronaut AOT computed at build time, and -XX:CompileThresholdScaling=6)
# against plain `java -jar` on the same jar. The two variants alternate run by run, so both see the same machine
# load; the load average is printed before and after.
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
[ -f "$JAR" ] && [ -f "$AOT" ] || ./mvnw -q -B -DskipTests package
DATA=$(mktemp -d)
trap 'rm -rf "$DATA"' EXIT
export PODLOOM_DATA_DIR="$DATA" MICRONAUT_SERVER_PORT="$PORT" PODLOOM_ACCESS_LOG=false PODLOOM_ADMIN_TOKEN=bench
TICKS=$(getconf CLK_TCK)

now_ms() { date +%s%3N; }

# start java with the given options; wait for /health (200: database, object store and scheduler up);
# print "<ms to ready> <CPU ms until ready> <idle RSS MB>"; stop it
run() {
  local start pid ready cpu rss
  start=$(now_ms)
  "$JAVA" --enable-native-access=ALL-UNNAMED "$@" -jar "$JAR" >"$DATA/log" 2>&1 &
  pid=$!
  until curl -sf "localhost:$PORT/health" >/dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || { echo "the service exited:"; cat "$DATA/log"; exit 1; }
    sleep 0.02
  done
  ready=$(( $(now_ms) - start ))
  cpu=$(awk -v t="$TICKS" '{printf "%d", ($14 + $15) * 1000 / t}' "/proc/$pid/stat")
  sleep 5 # idle
  rss=$(awk '/VmRSS/ {printf "%d", $2 / 1024}' "/proc/$pid/status")
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$ready $cpu $rss"
}

median() { printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }

# The jar's bean list is computed at build time (Micronaut AOT, src/main/aot/): before timing anything, check on the
# first start (which also creates the database, so the measured starts reuse an existing data directory) that the
# API, the admin API (configured here by PODLOOM_ADMIN_TOKEN at run time) and the dashboard are all there.
check_routes() {
  local pid codes
  "$JAVA" --enable-native-access=ALL-UNNAMED -XX:AOTCache="$AOT" -XX:CompileThresholdScaling=6 -Xlog:aot*=error -jar "$JAR" \
    >"$DATA/log" 2>&1 &
  pid=$!
  until curl -sf "localhost:$PORT/health" >/dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || { echo "the service exited:"; cat "$DATA/log"; exit 1; }
    sleep 0.1
  done
  codes="$(curl -s -o /dev/null -w '%{http_code}' "localhost:$PORT/v1/voices") $(curl -s -o /dev/null -w '%{http_code}' \
    -H "Authorization: Bearer $PODLOOM_ADMIN_TOKEN" "localhost:$PORT/admin/v1/accounts") $(curl -s -o /dev/null \
    -w '%{http_code}' "localhost:$PORT/app") $(curl -s -o /dev/null -w '%{http_code}' "localhost:$PORT/health/readiness")"
  kill "$pid"; wait "$pid" 2>/dev/null || true
  if [ "$codes" != "401 200 200 200" ]; then
    echo "routes missing from the jar: /v1/voices, /admin/v1/accounts, /app, /health/readiness answered $codes" \
      "(expected 401 200 200 200)"
    exit 1
  fi
  echo "routes: /v1/voices 401 (needs a key), /admin/v1/accounts 200, /app 200, /health/readiness 200"
}
check_routes

echo "JDK: $("$JAVA" -version 2>&1 | head -1); cores: $(nproc); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
declare -a a_ms a_cpu a_rss b_ms b_cpu b_rss
for _ in $(seq "$RUNS"); do
  read -r ms cpu mb < <(run -XX:AOTCache="$AOT" -XX:CompileThresholdScaling=6 -Xlog:aot*=error)
  a_ms+=("$ms"); a_cpu+=("$cpu"); a_rss+=("$mb")
  read -r ms cpu mb < <(run)
  b_ms+=("$ms"); b_cpu+=("$cpu"); b_rss+=("$mb")
done
report() {
  local label=$1 ms=$2 cpu=$3 rss=$4
  read -ra m <<<"$ms"; read -ra c <<<"$cpu"; read -ra r <<<"$rss"
  printf '%-34s ready (ms): %-34s median %5s | CPU to ready (ms): median %5s | idle RSS (MB): %s\n' \
    "$label" "${m[*]}" "$(median "${m[@]}")" "$(median "${c[@]}")" "${r[*]}"
}
report "README command (AOT cache)" "${a_ms[*]}" "${a_cpu[*]}" "${a_rss[*]}"
report "plain java -jar, same jar" "${b_ms[*]}" "${b_cpu[*]}" "${b_rss[*]}"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
