#!/usr/bin/env bash
# Crash test: RUNS times (default 50), the demo's order sync in a real NiFi with NiFi killed -9 at
# random moments (CRASHES per run, default 3) and restarted; each run checks that every shop order is
# in Business Central exactly once. Prints one JSON line per run and a summary: runs, crashes,
# duplicates, lost orders. Usage: harness/crash-test.sh [RUNS] [CRASHES] [ORDERS] [FIRST_SEED]
# Run k uses seed FIRST_SEED + k - 1 (default 1), so a campaign cut short resumes where it stopped.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
. harness/jdk.sh
java_home=$(find_jdk21)
runs=${1:-50}
crashes=${2:-3}
orders=${3:-30}
first_seed=${4:-1}

./mvnw -q -B -DskipTests package
it=nifi-ecommerce-integration-tests/target
total_crashes=0 duplicates=0 lost=0 failed=0
for seed in $(seq "$first_seed" $((first_seed + runs - 1))); do
  started=$(date +%s)
  line=$("$java_home/bin/java" -Dnifi-ecommerce.repository="$repo" -cp "$it/classes:$(cat "$it/demo.classpath")" \
    io.nifiecommerce.it.demo.Demo --orders "$orders" --seed "$seed" --fault-rate 0.05 --crashes "$crashes" \
    --exit-when-synced --timeout 600 --port 0 2>/dev/null | tail -1) || true
  echo "run with seed $seed ($(( $(date +%s) - started )) s): $line"
  d=$(printf '%s' "$line" | sed -n 's/.*"duplicates":\([0-9]*\).*/\1/p')
  shop=$(printf '%s' "$line" | sed -n 's/.*"shopOrders":\([0-9]*\).*/\1/p')
  inbc=$(printf '%s' "$line" | sed -n 's/.*"ordersInBusinessCentral":\([0-9]*\).*/\1/p')
  if [ -z "$d" ] || [ -z "$shop" ] || [ -z "$inbc" ]; then failed=$((failed + 1)); continue; fi
  total_crashes=$((total_crashes + crashes))
  duplicates=$((duplicates + d))
  lost=$((lost + shop - inbc))
done
echo "{\"runs\":$runs,\"failedRuns\":$failed,\"crashes\":$total_crashes,\"duplicates\":$duplicates,\"lostOrders\":$lost}"
[ "$duplicates" -eq 0 ] && [ "$lost" -eq 0 ] && [ "$failed" -eq 0 ]
