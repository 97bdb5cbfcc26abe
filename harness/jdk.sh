# Sourced by mvnw and harness/nifi.sh: finds a JDK that runs NiFi 2 (Java 21 or later).
# Order: JAVA_HOME if it is 21+, then the newest JDK under /usr/lib/jvm (Debian/Ubuntu) or
# /Library/Java/JavaVirtualMachines (macOS), then the `java` on PATH if it is 21+.

java_major() { # JAVA_HOME-like dir -> major version on stdout (empty when not a JDK)
  [ -x "$1/bin/java" ] || return 1
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -1
}

find_jdk21() {
  local candidate major best="" best_major=0
  if [ -n "${JAVA_HOME:-}" ]; then
    major=$(java_major "$JAVA_HOME" || true)
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then echo "$JAVA_HOME"; return 0; fi
  fi
  for candidate in /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$candidate" ] || continue
    major=$(java_major "$candidate" || true)
    if [ -n "$major" ] && [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
      best=$candidate; best_major=$major
    fi
  done
  if [ -z "$best" ] && command -v java >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    major=$(java_major "$candidate" || true)
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then best=$candidate; fi
  fi
  if [ -z "$best" ]; then
    echo "No JDK 21 or later found (JAVA_HOME=${JAVA_HOME:-unset}, /usr/lib/jvm, PATH)." >&2
    echo "Install one (e.g. apt-get install openjdk-21-jdk-headless) or point JAVA_HOME at it." >&2
    return 1
  fi
  echo "$best"
}
