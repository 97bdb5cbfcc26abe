#!/usr/bin/env bash
# At-scale run (issue #18): the demo's flows in a real NiFi 2.3.0 (one node, or the two-node cluster of
# harness/nifi-cluster.sh with CLUSTER=1) against the sandbox seeded with ORDERS orders and FAULT_RATE injected
# faults, until every flow converged. Samples each NiFi node's CPU time (/proc), resident memory and used heap
# (jstat) every 10 s, the same for the demo's JVM (the sandbox), and the machine's load. Prints the demo's summary (with the quota model: the least time BC's
# window and Shopify's bucket allow for the requests and points the run needed) and one line per node.
# Usage: [CLUSTER=1] harness/scale-run.sh [ORDERS] [FAULT_RATE] [SHOPIFY_PLAN] [SEED]   (defaults 10000 0.1 plus 11)
# Output: the demo's log, the samples and the sandbox's counters over time in .nifi/scale-runs/<time>-<1node|2nodes>/.
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
. harness/jdk.sh
java_home=$(find_jdk21)
orders=${1:-10000}
fault_rate=${2:-0.1}
plan=${3:-plus}
seed=${4:-11}
nodes=$([ -n "${CLUSTER:-}" ] && echo 2 || echo 1)
out=$repo/.nifi/scale-runs/$(date -u +%Y%m%dT%H%M%SZ)-${nodes}node$([ "$nodes" = 1 ] || echo s)
mkdir -p "$out"

./mvnw -q -B -o -DskipTests package
it=nifi-ecommerce-integration-tests/target
# generous bound: the run is judged on its elapsed time, not cut short by it
"$java_home/bin/java" -Dnifi-ecommerce.repository="$repo" -cp "$it/classes:$(cat "$it/demo.classpath")" \
  io.nifiecommerce.it.demo.Demo --orders "$orders" --seed "$seed" --fault-rate "$fault_rate" --shopify-plan "$plan" \
  --exit-when-synced --port 0 --timeout "${SCALE_TIMEOUT:-3600}" ${CLUSTER:+--cluster} >"$out/demo.out" 2>"$out/demo.err" &
demo=$!
home=$repo/.nifi/$([ "$nodes" = 1 ] && echo demo || echo cluster-demo)-$demo
echo "scale-run: demo pid $demo, $orders orders, fault rate $fault_rate, Shopify plan $plan, $nodes node(s); output in $out" >&2

ticks=$(getconf CLK_TCK)
samples=$out/samples.csv
echo "epoch,node,pid,cpu_seconds,rss_mb,heap_used_mb,load1" >"$samples"
sample() { # one line per running node
  local n pidfile pid stat cpu rss heap load
  load=$(cut -d' ' -f1 /proc/loadavg)
  for n in sandbox 1 2; do # "sandbox": the demo's JVM, which serves the simulated Shopify and BC
    pidfile=$([ "$nodes" = 1 ] && echo "$home/run/nifi.pid" || echo "$home/node$n/run/nifi.pid")
    [ "$nodes" = 1 ] && [ "$n" = 2 ] && continue
    if [ "$n" = sandbox ]; then pid=$demo; else [ -f "$pidfile" ] || continue; pid=$(cat "$pidfile"); fi
    stat=$(cat "/proc/$pid/stat" 2>/dev/null) || continue
    cpu=$(awk -v t="$ticks" '{ sub(/^.*\) /, ""); printf "%.1f", ($12 + $13) / t }' <<<"$stat")
    rss=$(awk '/^VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$pid/status" 2>/dev/null)
    heap=$("$java_home/bin/jstat" -gc "$pid" 2>/dev/null | awk 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i }
      NR == 2 { printf "%.0f", ($c["S0U"] + $c["S1U"] + $c["EU"] + $c["OU"]) / 1024 }') || heap=
    echo "$(date +%s),$([ "$n" = sandbox ] || echo node)$n,$pid,$cpu,$rss,$heap,$load" >>"$samples"
  done
}
progress=$out/progress.csv
echo "epoch,shop_orders_in_bc_check,fulfillments_created,shopify_points,shopify_requests,bc_requests" >"$progress"
counters() { # the sandbox's own counters, over time
  local port stats line
  port=$(sed -n 's|^Sandbox on http://127.0.0.1:\([0-9]*\).*|\1|p' "$out/demo.out" | head -1) || true
  [ -n "$port" ] || return 0
  stats=$(curl -s --max-time 5 "http://127.0.0.1:$port/_sandbox/stats") || return 0
  line=$(grep '^orders in BC' "$out/demo.out" | tail -1 | sed -n 's|^orders in BC \([0-9]*\)/.*|\1|p') || true
  value() { grep -o "\"$1\":[0-9]*" <<<"$stats" | cut -d: -f2 || true; }
  echo "$(date +%s),$line,$(value shopify.fulfillments.created),$(value shopify.cost.spent),$(value shopify.graphqlRequests),$(value bc.apiRequests)" >>"$progress"
}
while kill -0 "$demo" 2>/dev/null; do sample; counters; sleep 10; done
rc=0; wait "$demo" || rc=$?

cat "$out/demo.out" | grep -v '^orders in BC' | tail -5
# per node (and the sandbox's JVM): CPU seconds over the samples (first to last), mean cores, peak RSS and heap; machine load while it ran
awk -F, 'NR > 1 { n = $2; if (!(n in first)) { first[n] = $4; t0[n] = $1 } last[n] = $4; t1[n] = $1
    if ($5 > rss[n]) rss[n] = $5; if ($6 > heap[n]) heap[n] = $6; load += $7; loads++ }
  END { for (n in first) printf "%s: CPU %.0f s over %d s (%.2f cores), peak RSS %d MB, peak used heap %d MB\n",
          n, last[n] - first[n], t1[n] - t0[n], (t1[n] > t0[n] ? (last[n] - first[n]) / (t1[n] - t0[n]) : 0), rss[n], heap[n]
        if (loads) printf "machine load average (1 min) during the run: mean %.1f\n", load / loads }' "$samples" | tee "$out/nodes.txt"
exit $rc
