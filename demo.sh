#!/usr/bin/env bash
# Builds the bundle, starts a real NiFi 2.3.0 with it on http://127.0.0.1:18080/nifi and keeps it
# running with the four flows against the sandbox. Options: see --help (io.nifiecommerce.it.demo.Demo).
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$repo"
# shellcheck source=harness/jdk.sh
. harness/jdk.sh
java_home=$(find_jdk21)

./mvnw -q -B -DskipTests package
it=nifi-ecommerce-integration-tests/target
exec "$java_home/bin/java" -Dnifi-ecommerce.repository="$repo" \
  -cp "$it/classes:$(cat "$it/demo.classpath")" io.nifiecommerce.it.demo.Demo "$@"
