#!/usr/bin/env bash
# A two-node Apache NiFi 2.3.0 cluster on 127.0.0.1 for tests and the demo: two homes laid out by
# harness/nifi.sh, cluster protocol and load balancing on local ports, and a standalone ZooKeeper (from
# Maven artifacts) outside both nodes, so that killing any node, the primary included, leaves the other
# one elected primary and coordinator with the cluster state intact.
#
#   harness/nifi-cluster.sh start [NAR...]  ZooKeeper, then both nodes at once; returns when both are CONNECTED
#   harness/nifi-cluster.sh stop            stop both nodes and ZooKeeper (only the processes this home started)
#   harness/nifi-cluster.sh status          each node's address, state and roles as the cluster sees them
#   harness/nifi-cluster.sh primary         the number (1 or 2) of the node that is Primary Node now
#   harness/nifi-cluster.sh kill N          kill -9 node N (a crash: no graceful shutdown)
#   harness/nifi-cluster.sh start-node N    start node N again on its home; returns when the cluster has every node CONNECTED
#   harness/nifi-cluster.sh reset           stop; forget flows, repositories, state and ZooKeeper's data
#   harness/nifi-cluster.sh clean           stop; delete the cluster home
#
# Environment: NIFI_CLUSTER_HOME (default <repo>/.nifi/cluster: node1/, node2/, zookeeper/), NIFI_CLUSTER_PORT
#   (default 18400): node N listens on 127.0.0.N, its HTTP port is NIFI_CLUSTER_PORT + 10 (N - 1), its cluster
#   protocol, load balance and management ports the next three; ZooKeeper's client port is 127.0.0.1:NIFI_CLUSTER_PORT + 20. NIFI_HEAP (default 1g per node),
#   NIFI_WATCH_PID, NIFI_START_TIMEOUT and JAVA_HOME as for harness/nifi.sh.
set -euo pipefail

harness=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$harness")
# shellcheck source=jdk.sh
. "$harness/jdk.sh"

NIFI_CLUSTER_HOME=${NIFI_CLUSTER_HOME:-$repo/.nifi/cluster}
case $NIFI_CLUSTER_HOME in /*) ;; *) NIFI_CLUSTER_HOME=$PWD/$NIFI_CLUSTER_HOME ;; esac
base=${NIFI_CLUSTER_PORT:-18400}
nodes=2
zk_home=$NIFI_CLUSTER_HOME/zookeeper
zk_port=$((base + 20))
zk_pid_file=$zk_home/zookeeper.pid
timeout=${NIFI_START_TIMEOUT:-300}

log() { echo "nifi-cluster.sh: $*" >&2; }
die() { log "$*"; exit 1; }

http_port() { echo $((base + 10 * ($1 - 1))); }
# Node N binds 127.0.0.N: NiFi tells components the cluster's members by host (NodeTypeProvider#getClusterMembers),
# so nodes sharing one address would count as one and each would take the whole API budget.
host() { echo "127.0.0.$1"; }
api() { echo "http://$(host "$1"):$(http_port "$1")/nifi-api"; }

# Runs harness/nifi.sh for node N with that node's home and ports.
node() {
  local n=$1; shift
  local port; port=$(http_port "$n")
  NIFI_HOME="$NIFI_CLUSTER_HOME/node$n" NIFI_HOST="$(host "$n")" NIFI_PORT="$port" NIFI_MGMT_PORT=$((port + 3)) \
    NIFI_CLUSTER_PROTOCOL_PORT=$((port + 1)) NIFI_LOAD_BALANCE_PORT=$((port + 2)) NIFI_ZK_CONNECT="127.0.0.1:$zk_port" \
    NIFI_CLUSTER_NODES=$nodes NIFI_SENSITIVE_PROPS_KEY="$(sensitive_props_key)" \
    bash "$harness/nifi.sh" "$@"
}

sensitive_props_key() { # one key for every node: they must decrypt each other's flow
  local f="$NIFI_CLUSTER_HOME/sensitive-props.key"
  if [ ! -s "$f" ]; then
    mkdir -p "$NIFI_CLUSTER_HOME"
    (umask 077; head -c 48 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$f")
  fi
  cat "$f"
}

# --- ZooKeeper -----------------------------------------------------------------------------------

zk_pid() {
  [ -f "$zk_pid_file" ] || return 1
  local pid; pid=$(cat "$zk_pid_file")
  kill -0 "$pid" 2>/dev/null || return 1
  ps -ww -o args= -p "$pid" 2>/dev/null | grep -q -- "$zk_home/zoo.cfg" || return 1
  echo "$pid"
}

zk_start() {
  if zk_pid >/dev/null; then return 0; fi
  local lib java_home
  lib=$(bash "$harness/nifi.sh" zookeeper-lib)
  java_home=$(find_jdk21)
  mkdir -p "$zk_home/data"
  cat >"$zk_home/zoo.cfg" <<EOF
tickTime=2000
dataDir=$zk_home/data
clientPort=$zk_port
clientPortAddress=127.0.0.1
admin.enableServer=false
maxSessionTimeout=60000
EOF
  (cd "$zk_home" && exec nohup "$java_home/bin/java" -Xmx128m -cp "$lib/*" \
      org.apache.zookeeper.server.ZooKeeperServerMain "$zk_home/zoo.cfg" >"$zk_home/zookeeper.log" 2>&1 </dev/null) &
  local pid=$!
  echo "$pid" >"$zk_pid_file"
  if [ -n "${NIFI_WATCH_PID:-}" ]; then
    ( while kill -0 "$NIFI_WATCH_PID" 2>/dev/null && kill -0 "$pid" 2>/dev/null; do sleep 2; done
      kill -0 "$NIFI_WATCH_PID" 2>/dev/null || kill "$pid" 2>/dev/null || true ) </dev/null >/dev/null 2>&1 &
    disown 2>/dev/null || true
  fi
  local waited=0
  until (exec 3<>"/dev/tcp/127.0.0.1/$zk_port") 2>/dev/null; do
    kill -0 "$pid" 2>/dev/null || { tail -20 "$zk_home/zookeeper.log" >&2; die "ZooKeeper exited during startup"; }
    [ $waited -lt 60 ] || die "ZooKeeper did not listen on $zk_port within 30 s"
    sleep 0.5; waited=$((waited + 1))
  done
  log "ZooKeeper pid $pid on 127.0.0.1:$zk_port"
}

zk_stop() {
  local pid
  if pid=$(zk_pid); then kill "$pid"; log "ZooKeeper pid $pid stopped"; fi
  rm -f "$zk_pid_file"
}

# --- cluster -------------------------------------------------------------------------------------

cluster_json() { # the cluster as node 1 (else node 2) sees it; empty when neither answers
  local n json
  for n in $(seq 1 $nodes); do
    json=$(curl -sf --max-time 5 "$(api "$n")/controller/cluster" 2>/dev/null) || continue
    case $json in *'"nodes"'*) echo "$json"; return 0 ;; esac
  done
  return 1
}

per_node() { sed 's/"nodeId"/\n"nodeId"/g' | grep '"nodeId"'; } # one line per node of a /controller/cluster answer

connected_count() {
  local json
  json=$(cluster_json) || { echo 0; return; }
  grep -o '"status":"CONNECTED"' <<<"$json" | wc -l
}

wait_connected() {
  local started=$SECONDS
  until [ "$(connected_count)" -ge "$nodes" ] && primary >/dev/null 2>&1; do
    [ $((SECONDS - started)) -lt "$timeout" ] || die "the cluster did not have $nodes CONNECTED nodes within $timeout s"
    sleep 2
  done
  log "$nodes nodes CONNECTED after $((SECONDS - started)) s; primary node $(primary)"
}

start() {
  command -v curl >/dev/null 2>&1 || die "curl is needed to talk to NiFi"
  zk_start
  local n pids=()
  for n in $(seq 1 $nodes); do
    node "$n" start "$@" 2>&1 | sed -u "s/^/[node$n] /" >&2 &
    pids+=($!)
  done
  local failed=0
  for n in "${pids[@]}"; do wait "$n" || failed=1; done
  [ $failed -eq 0 ] || die "a node failed to start; logs in $NIFI_CLUSTER_HOME/node*/logs"
  wait_connected
}

# Prints the number of the node the cluster reports as Primary Node.
primary() {
  local json n address
  json=$(cluster_json) || return 1
  address=$(per_node <<<"$json" | grep '"Primary Node"' | grep '"status":"CONNECTED"' \
    | grep -o '"address":"[^"]*"' | head -1 | cut -d'"' -f4)
  [ -n "$address" ] || return 1
  for n in $(seq 1 $nodes); do
    [ "$(host "$n")" = "$address" ] && { echo "$n"; return 0; }
  done
  return 1
}

status() {
  local json
  json=$(cluster_json) || { echo "no node answers (home $NIFI_CLUSTER_HOME)"; return 3; }
  per_node <<<"$json" | grep -o '"address":"[^"]*","apiPort":[0-9]*\|"status":"[A-Z]*"\|"roles":\[[^]]*\]' \
    | paste -d' ' - - - 2>/dev/null || echo "$json"
}

kill_node() {
  local n=$1 pid_file="$NIFI_CLUSTER_HOME/node$1/run/nifi.pid" pid
  [ -f "$pid_file" ] || die "node $n was not started from $NIFI_CLUSTER_HOME"
  pid=$(cat "$pid_file")
  ps -ww -o args= -p "$pid" 2>/dev/null | grep -q -- "$NIFI_CLUSTER_HOME/node$n/conf/nifi.properties" \
    || die "pid $pid is not node $n"
  kill -9 "$pid"
  while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
  log "node $n (pid $pid) killed with SIGKILL"
}

start_node() {
  local n=$1
  node "$n" start 2>&1 | sed -u "s/^/[node$n] /" >&2
  wait_connected
}

stop() {
  local n
  for n in $(seq 1 $nodes); do node "$n" stop || true; done
  zk_stop
}

reset() {
  local n
  for n in $(seq 1 $nodes); do node "$n" reset || true; done
  zk_stop
  rm -rf "$zk_home/data"
}

command=${1:-}
[ $# -gt 0 ] && shift
case "$command" in
  start) start "$@" ;;
  stop) stop ;;
  status) status ;;
  primary) primary ;;
  kill) [ $# -eq 1 ] || die "usage: nifi-cluster.sh kill N"; kill_node "$1" ;;
  start-node) [ $# -eq 1 ] || die "usage: nifi-cluster.sh start-node N"; start_node "$1" ;;
  reset) reset ;;
  clean) stop; rm -rf "$NIFI_CLUSTER_HOME" ;;
  *) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
