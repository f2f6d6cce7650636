# Sourced by bin/runnel and .ci/run: exports JAVA_HOME for a JDK ≥ 21, or exits with an error.
# Prefers $JAVA_HOME, then `java` on the PATH, then Temurin 25 where these machines keep it.
runnel_java_major() {
  "$1" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'
}

runnel_select_jdk() {
  local candidate java_bin
  for candidate in "${JAVA_HOME:-}" \
      "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")" \
      /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64; do
    java_bin="$candidate/bin/java"
    [ -n "$candidate" ] && [ -x "$java_bin" ] || continue
    if [ "$(runnel_java_major "$java_bin")" -ge 21 ] 2>/dev/null; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  done
  echo "runnel: needs a JDK 21 or newer; set JAVA_HOME to one (found: ${JAVA_HOME:-none}, $(command -v java || echo 'no java on PATH'))" >&2
  exit 1
}

runnel_select_jdk
