# Sourced by ./mvnw and .ci/run: Podloom needs Java 25. When JAVA_HOME (or the java on PATH)
# is older, look for a JDK 25+ in the usual JVM folders (Debian keeps Temurin there without
# registering it with update-alternatives) and export JAVA_HOME for it.
podloom_java_ok() {
  "$1" -version 2>&1 | head -n 1 | grep -Eq 'version "(2[5-9]|[3-9][0-9])'
}
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && podloom_java_ok "$JAVA_HOME/bin/java"; then
  :
elif [ -z "${JAVA_HOME:-}" ] && command -v java >/dev/null 2>&1 && podloom_java_ok java; then
  :
else
  case $- in *f*) podloom_noglob=1; set +f ;; *) podloom_noglob= ;; esac  # ./mvnw runs with set -f
  for podloom_jdk in /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/*; do
    if [ -x "$podloom_jdk/bin/java" ] && podloom_java_ok "$podloom_jdk/bin/java"; then
      export JAVA_HOME="$podloom_jdk"
      break
    fi
  done
  [ -n "$podloom_noglob" ] && set -f
  unset podloom_jdk podloom_noglob
fi
