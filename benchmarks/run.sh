#!/usr/bin/env bash
# Runs every benchmark of the bundle and writes docs/benchmarks.md (and docs/orders-vs-fault-rate.svg).
#   benchmarks/run.sh                  all benchmarks (about 10-15 minutes on 2 cores)
#   benchmarks/run.sh --quick          reduced sizes, to check the harness (figures not for the record)
#   benchmarks/run.sh --only bc,faults,shopify,stock,parsing,edi-writing,memory,cluster,flows
#   benchmarks/run.sh --soak 600       the fault soak only (20 % faults for 600 s), reported in docs/reliability.md
#   benchmarks/run.sh --no-build ...   skip the Maven build
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=harness/jdk.sh
. "$repo/harness/jdk.sh"
JAVA_HOME=$(find_jdk21)
export JAVA_HOME

build=true
args=()
for arg in "$@"; do
  if [ "$arg" = "--no-build" ]; then build=false; else args+=("$arg"); fi
done

cd "$repo"
if $build; then
  ./mvnw -q -B -DskipTests -pl nifi-ecommerce-benchmarks -am package
fi
module="$repo/nifi-ecommerce-benchmarks/target"
classpath="$module/classes:$(cat "$module/runtime-classpath.txt")"

exec "$JAVA_HOME/bin/java" -Xmx4g -XX:+UseG1GC \
  -Dbenchmarks.command="benchmarks/run.sh ${args[*]:-}" \
  -cp "$classpath" io.nifiecommerce.benchmarks.BenchmarkSuite --docs "$repo/docs" "${args[@]+"${args[@]}"}"
