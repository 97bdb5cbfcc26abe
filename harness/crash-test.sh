#!/usr/bin/env bash
# Crash test: RUNS times (default 50), the demo's four flows in a real NiFi with NiFi killed -9 at
# random moments (CRASHES per run, default 3) and restarted; each run waits until every flow has
# converged: every shop order in Business Central exactly once, stock in Shopify equal to its
# sources, shipped orders fulfilled with their tracking. Prints one JSON line per run and a summary:
# runs, crashes, duplicates, lost orders, stock levels and tracking missing at the end of each run.
# Each run may take the bound of docs/reliability.md (the demo's default --timeout).
# Usage: harness/crash-test.sh [RUNS] [CRASHES] [ORDERS] [FIRST_SEED]
# Run k uses seed FIRST_SEED + k - 1 (default 1), so a campaign cut short resumes where it stopped.
# CLUSTER=1: the same on the two-node cluster of harness/nifi-cluster.sh, where each crash is a kill -9 of the
# primary node in the middle of the sync; the other node must be elected primary and take over the sources
# from their cluster state before the killed node comes back (primary failover test).
# CRASH_TEST_LOGS=DIR keeps each run's demo output and log in DIR/seed-N.log (else the log is discarded).
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
. harness/jdk.sh
java_home=$(find_jdk21)
[ -z "${CRASH_TEST_LOGS:-}" ] || mkdir -p "$CRASH_TEST_LOGS"
runs=${1:-50}
crashes=${2:-3}
orders=${3:-30}
first_seed=${4:-1}

./mvnw -q -B -DskipTests package
it=nifi-ecommerce-integration-tests/target
total_crashes=0 duplicates=0 lost=0 failed=0 unsynced=0 stock_missing=0 tracking_missing=0 total_orders=0 stock=0 shipped=0
for seed in $(seq "$first_seed" $((first_seed + runs - 1))); do
  started=$(date +%s)
  output=$("$java_home/bin/java" -Dnifi-ecommerce.repository="$repo" -cp "$it/classes:$(cat "$it/demo.classpath")" \
    io.nifiecommerce.it.demo.Demo --orders "$orders" --seed "$seed" --fault-rate 0.05 --crashes "$crashes" \
    --exit-when-synced --port 0 ${CLUSTER:+--cluster} 2>"${CRASH_TEST_LOGS:-/dev/null}${CRASH_TEST_LOGS:+/seed-$seed.log}") || true
  [ -z "${CRASH_TEST_LOGS:-}" ] || printf '%s\n' "$output" >>"$CRASH_TEST_LOGS/seed-$seed.log"
  line=$(printf '%s\n' "$output" | tail -1)
  printf '%s\n' "$output" | grep '^Failover:' || true
  echo "run with seed $seed ($(( $(date +%s) - started )) s): $line"
  # the first occurrence: the run's own figures come before the nested "edi" and "sandbox" ones of the same name
  field() { printf '%s' "$line" | grep -o "\"$1\":[0-9a-z]*" | head -1 | cut -d: -f2; }
  d=$(field duplicates) shop=$(field shopOrders) inbc=$(field ordersInBusinessCentral)
  se=$(field stockLevelsExpected) sm=$(field stockLevelsMatching) sh=$(field ordersShipped) ft=$(field fulfillmentsWithTracking)
  if [ -z "$d" ] || [ -z "$shop" ] || [ -z "$inbc" ] || [ -z "$se" ] || [ -z "$sm" ] || [ -z "$sh" ] || [ -z "$ft" ]; then
    failed=$((failed + 1)); continue
  fi
  [ "$(field synced)" = "true" ] || unsynced=$((unsynced + 1))
  total_crashes=$((total_crashes + crashes))
  duplicates=$((duplicates + d))
  total_orders=$((total_orders + shop)) lost=$((lost + shop - inbc))
  stock=$((stock + se)) stock_missing=$((stock_missing + se - sm))
  shipped=$((shipped + sh)) tracking_missing=$((tracking_missing + sh - ft))
done
echo "{\"runs\":$runs,\"failedRuns\":$failed,\"unsyncedRuns\":$unsynced,\"crashes\":$total_crashes,\"orders\":$total_orders,\"duplicates\":$duplicates,\"lostOrders\":$lost,\"stockLevels\":$stock,\"stockLevelsDiffering\":$stock_missing,\"shippedOrders\":$shipped,\"shippedWithoutTracking\":$tracking_missing}"
[ "$duplicates" -eq 0 ] && [ "$lost" -eq 0 ] && [ "$failed" -eq 0 ] && [ "$unsynced" -eq 0 ] && [ "$stock_missing" -eq 0 ] && [ "$tracking_missing" -eq 0 ]
