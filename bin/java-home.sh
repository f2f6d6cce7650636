# Sourced by bin/runnel, mvnw and .ci/run: exports JAVA_HOME for a JDK ≥ 21, or exits with an error
# saying what to install. Prefers $JAVA_HOME, then `java` on the PATH, then the newest JDK under
# /usr/lib/jvm (Debian/Ubuntu packages, Temurin) or /opt/java. Sets RUNNEL_JAVA_MAJOR to its version.
runnel_java_major() {
  "$1" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'
}

runnel_select_jdk() {
  local candidate java_bin major
  for candidate in "${JAVA_HOME:-}" \
      "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")" \
      $(ls -d /usr/lib/jvm/*/ /opt/java/*/ 2>/dev/null | sed 's:/$::' | sort -rV); do
    java_bin="$candidate/bin/java"
    [ -n "$candidate" ] && [ -x "$java_bin" ] || continue
    major="$(runnel_java_major "$java_bin")"
    if [ "$major" -ge 21 ] 2>/dev/null; then
      export JAVA_HOME="$candidate"
      RUNNEL_JAVA_MAJOR="$major"
      return 0
    fi
  done
  echo "runnel: needs a JDK 21 or newer and found none (JAVA_HOME: ${JAVA_HOME:-unset}; java on the PATH: $(command -v java || echo none); nothing newer under /usr/lib/jvm). Install one, e.g. 'sudo apt-get install openjdk-21-jdk-headless' (Debian/Ubuntu) or Temurin from https://adoptium.net, or set JAVA_HOME to a JDK 21+." >&2
  exit 1
}

runnel_select_jdk
