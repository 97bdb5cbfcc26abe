#!/usr/bin/env bash
# A real Apache NiFi 2.3.0 for tests and the demo, assembled from Maven artifacts (no distribution
# archive needed), on plain HTTP at 127.0.0.1, with this project's NAR installed.
#
#   harness/nifi.sh setup [NAR...]         download (cached), lay out NIFI_HOME, install NARs, write config
#   harness/nifi.sh start [NAR...]         setup, start in the background, wait until the REST API answers
#   harness/nifi.sh stop                   stop the NiFi this script started (pid file), nothing else
#   harness/nifi.sh status                 running or not, URL; exit 0 when the REST API answers
#   harness/nifi.sh upload FLOW.json [NAME]  upload a flow definition as a process group, print its id
#   harness/nifi.sh run-pg PG_ID           enable the group's controller services, start its components
#   harness/nifi.sh reset                  stop, forget flow, repositories and state (keeps lib/ and unpacked NARs)
#   harness/nifi.sh clean                  stop, delete NIFI_HOME (the download cache stays)
#   harness/nifi.sh build-standard-nar     (re)build the cached nifi-standard-nar only
#
# NAR arguments default to nifi-ecommerce-nar/target/*.nar of this repository (skipped when absent).
# Environment: NIFI_HOME (default <repo>/.nifi/nifi-2.3.0), NIFI_PORT (18080), NIFI_MGMT_PORT (18081),
#   NIFI_HEAP (1g), NIFI_JAVA_OPTS, NIFI_START_TIMEOUT (seconds, 300), NIFI_WATCH_PID (stop NiFi when
#   this process dies), NIFI_ECOMMERCE_CACHE (default ~/.cache/nifi-ecommerce), JAVA_HOME (a JDK 21+
#   is searched for when it is not one).
# Cluster node (harness/nifi-cluster.sh sets these): NIFI_CLUSTER_PROTOCOL_PORT (makes this home a cluster node),
#   NIFI_LOAD_BALANCE_PORT, NIFI_ZK_CONNECT (host:port of ZooKeeper), NIFI_CLUSTER_NODES (flow election candidates),
#   NIFI_SENSITIVE_PROPS_KEY (every node of a cluster must share it), NIFI_HOST (loopback address to bind, 127.0.0.1:
#   the nodes of one cluster take 127.0.0.1, 127.0.0.2... so that NiFi counts them as distinct hosts).
set -euo pipefail

harness=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$harness")
# shellcheck source=jdk.sh
. "$harness/jdk.sh"

nifi_version=2.3.0
cache=${NIFI_ECOMMERCE_CACHE:-$HOME/.cache/nifi-ecommerce}
runtime_cache=$cache/nifi-$nifi_version
NIFI_HOME=${NIFI_HOME:-$repo/.nifi/nifi-$nifi_version}
case $NIFI_HOME in /*) ;; *) NIFI_HOME=$PWD/$NIFI_HOME ;; esac
NIFI_PORT=${NIFI_PORT:-18080}
NIFI_MGMT_PORT=${NIFI_MGMT_PORT:-18081}
NIFI_HEAP=${NIFI_HEAP:-1g}
NIFI_START_TIMEOUT=${NIFI_START_TIMEOUT:-300}
NIFI_HOST=${NIFI_HOST:-127.0.0.1}
api="http://$NIFI_HOST:$NIFI_PORT/nifi-api"
pid_file=$NIFI_HOME/run/nifi.pid
NIFI_CLUSTER_PROTOCOL_PORT=${NIFI_CLUSTER_PROTOCOL_PORT:-}

log() { echo "nifi.sh: $*" >&2; }
die() { log "$*"; exit 1; }

# Runs a command while holding the cache lock, so parallel setups download and build only once.
with_cache_lock() {
  mkdir -p "$cache"
  if command -v flock >/dev/null 2>&1; then
    ( flock 9; "$@" ) 9>"$cache/.lock"
  else
    "$@"
  fi
}

digest() { cksum <"$1" | cut -d' ' -f1; }

# --- downloads -----------------------------------------------------------------------------------

# lib/ jars and framework NARs, fetched once through Maven (settings.xml mirrors and proxies apply).
fetch_runtime() {
  local stamp="$runtime_cache/lib/.complete" want
  want=$(digest "$harness/runtime/pom.xml")
  [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && return 0
  log "downloading NiFi $nifi_version runtime artifacts into $runtime_cache/lib"
  rm -rf "$runtime_cache/lib"
  "$repo/mvnw" -q -B -f "$harness/runtime/pom.xml" dependency:copy@nifi-lib \
    -Dnifi.lib.dir="$runtime_cache/lib" >&2 || die "download of the NiFi runtime failed"
  echo "$want" >"$stamp"
}

# nifi-standard-nar is not served by Maven Central but its processors jar and dependencies are:
# build the NAR from harness/standard-nar/pom.xml once (about 4 minutes and 68 MB) and keep it.
build_standard_nar() {
  local out="$runtime_cache/nifi-standard-nar-$nifi_version.nar" stamp want
  stamp="$out.pom-digest"
  want=$(digest "$harness/standard-nar/pom.xml")
  [ -s "$out" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && return 0
  log "building nifi-standard-nar $nifi_version (first time only, a few minutes)"
  local build="$runtime_cache/standard-nar-build"
  rm -rf "$build"; mkdir -p "$build"
  cp "$harness/standard-nar/pom.xml" "$build/pom.xml"
  "$repo/mvnw" -q -B -f "$build/pom.xml" package -DskipTests >&2 \
    || die "building nifi-standard-nar failed (build directory kept: $build)"
  mv "$build/target/nifi-standard-nar-$nifi_version.nar" "$out"
  echo "$want" >"$stamp"
  rm -rf "$build"
}

# ZooKeeper 3.9.3 (the version NiFi 2.3.0 embeds) for harness/nifi-cluster.sh, fetched once through Maven.
fetch_zookeeper() {
  local dir="$cache/zookeeper-3.9.3/lib" want
  want=$(digest "$harness/zookeeper/pom.xml")
  if ! { [ -f "$dir/.complete" ] && [ "$(cat "$dir/.complete")" = "$want" ]; }; then
    log "downloading ZooKeeper 3.9.3 into $dir"
    rm -rf "$dir"
    "$repo/mvnw" -q -B -f "$harness/zookeeper/pom.xml" dependency:copy-dependencies@zk-lib -Dzk.lib.dir="$dir" >&2 \
      || die "download of ZooKeeper failed"
    echo "$want" >"$dir/.complete"
  fi
  echo "$dir"
}

# --- NIFI_HOME -----------------------------------------------------------------------------------

# Hard links save 200 MB per NIFI_HOME when the cache is on the same file system.
link_or_copy() { ln -f "$1" "$2" 2>/dev/null || cp -f "$1" "$2"; }

install_runtime() {
  mkdir -p "$NIFI_HOME"/{lib,conf,logs,run,extensions,state/local}
  local f
  for f in "$runtime_cache"/lib/*.jar "$runtime_cache"/lib/*.nar "$runtime_cache/nifi-standard-nar-$nifi_version.nar"; do
    link_or_copy "$f" "$NIFI_HOME/lib/$(basename "$f")"
  done
}

# Replaces the NARs installed by the previous setup with the given ones (or the project's default).
install_nars() {
  local list="$NIFI_HOME/run/installed-nars" n
  if [ -f "$list" ]; then
    while read -r n; do rm -f "$NIFI_HOME/lib/$n"; done <"$list"
    rm -f "$list"
  fi
  local nars=("$@")
  if [ ${#nars[@]} -eq 0 ]; then
    shopt -s nullglob
    nars=("$repo"/nifi-ecommerce-nar/target/*.nar)
    shopt -u nullglob
    [ ${#nars[@]} -gt 0 ] || log "no NAR given and none in nifi-ecommerce-nar/target: NiFi runs without the bundle"
  fi
  for n in "${nars[@]}"; do
    [ -f "$n" ] || die "NAR not found: $n"
    cp -f "$n" "$NIFI_HOME/lib/"
    basename "$n" >>"$list"
    log "installed $(basename "$n")"
  done
}

sensitive_props_key() { # one random key per NIFI_HOME: the flow's encrypted values stay readable across restarts
  local f="$NIFI_HOME/conf/sensitive-props.key"
  if [ -n "${NIFI_SENSITIVE_PROPS_KEY:-}" ]; then echo "$NIFI_SENSITIVE_PROPS_KEY"; return; fi
  if [ ! -s "$f" ]; then
    (umask 077; head -c 48 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$f")
  fi
  cat "$f"
}

write_config() {
  local key; key=$(sensitive_props_key)
  cat >"$NIFI_HOME/conf/nifi.properties" <<EOF
# Written by harness/nifi.sh on every start (ports come from the environment). Test use only:
# plain HTTP on 127.0.0.1, anonymous access, no authorizer.
nifi.web.http.host=$NIFI_HOST
nifi.web.http.port=$NIFI_PORT
nifi.web.https.host=
nifi.web.https.port=
nifi.web.jetty.working.directory=./work/jetty
nifi.web.jetty.threads=50
nifi.web.max.header.size=16 KB
nifi.web.request.timeout=60 secs
nifi.remote.input.host=
nifi.remote.input.secure=false
nifi.remote.input.socket.port=
nifi.remote.input.http.enabled=false
nifi.cluster.is.node=false
nifi.cluster.protocol.is.secure=false
nifi.security.allow.anonymous.authentication=false
nifi.sensitive.props.key=$key
nifi.sensitive.props.algorithm=NIFI_PBKDF2_AES_GCM_256

nifi.flow.configuration.file=./conf/flow.json.gz
nifi.flow.configuration.archive.enabled=false
nifi.flowcontroller.autoResumeState=true
nifi.flowcontroller.graceful.shutdown.period=10 sec
nifi.flowservice.writedelay.interval=500 ms
nifi.administrative.yield.duration=30 sec
nifi.bored.yield.duration=10 millis
nifi.queue.backpressure.count=10000
nifi.queue.backpressure.size=1 GB
nifi.queue.swap.threshold=20000
nifi.swap.manager.implementation=org.apache.nifi.controller.FileSystemSwapManager

nifi.nar.library.directory=./lib
nifi.nar.library.autoload.directory=./extensions
nifi.nar.working.directory=./work/nar/
nifi.nar.persistence.provider.implementation=org.apache.nifi.nar.StandardNarPersistenceProvider
nifi.nar.persistence.provider.properties.directory=./nar_repository
nifi.asset.manager.implementation=org.apache.nifi.asset.StandardAssetManager
nifi.asset.manager.properties.directory=./assets
nifi.upload.working.directory=./work/uploads
nifi.authorizer.configuration.file=./conf/authorizers.xml
nifi.login.identity.provider.configuration.file=./conf/login-identity-providers.xml

nifi.state.management.configuration.file=./conf/state-management.xml
nifi.state.management.provider.local=local-provider
nifi.state.management.provider.cluster=
nifi.state.management.embedded.zookeeper.start=false
nifi.database.directory=./database_repository

nifi.flowfile.repository.implementation=org.apache.nifi.controller.repository.WriteAheadFlowFileRepository
nifi.flowfile.repository.wal.implementation=org.apache.nifi.wali.SequentialAccessWriteAheadLog
nifi.flowfile.repository.directory=./flowfile_repository
nifi.flowfile.repository.checkpoint.interval=20 secs
nifi.content.repository.implementation=org.apache.nifi.controller.repository.FileSystemRepository
nifi.content.repository.directory.default=./content_repository
nifi.content.repository.archive.enabled=false
nifi.content.claim.max.appendable.size=50 KB
nifi.provenance.repository.implementation=org.apache.nifi.provenance.WriteAheadProvenanceRepository
nifi.provenance.repository.directory.default=./provenance_repository
nifi.provenance.repository.max.storage.time=1 hour
nifi.provenance.repository.max.storage.size=100 MB
nifi.provenance.repository.rollover.time=1 min
nifi.provenance.repository.rollover.size=10 MB
nifi.provenance.repository.query.threads=1
nifi.provenance.repository.index.threads=1
nifi.provenance.repository.indexed.fields=EventType, FlowFileUUID, Filename, ProcessorID, Relationship
nifi.components.status.repository.implementation=org.apache.nifi.controller.status.history.VolatileComponentStatusRepository
nifi.components.status.repository.buffer.size=1440
nifi.components.status.snapshot.frequency=1 min
EOF
  if [ -n "$NIFI_CLUSTER_PROTOCOL_PORT" ]; then write_cluster_config; fi

  cat >"$NIFI_HOME/conf/state-management.xml" <<'EOF'
<stateManagement>
    <local-provider>
        <id>local-provider</id>
        <class>org.apache.nifi.controller.state.providers.local.WriteAheadLocalStateProvider</class>
        <property name="Directory">./state/local</property>
        <property name="Always Sync">false</property>
        <property name="Partitions">16</property>
        <property name="Checkpoint Interval">2 mins</property>
    </local-provider>
EOF
  if [ -n "$NIFI_CLUSTER_PROTOCOL_PORT" ]; then
    cat >>"$NIFI_HOME/conf/state-management.xml" <<EOF
    <cluster-provider>
        <id>zk-provider</id>
        <class>org.apache.nifi.controller.state.providers.zookeeper.ZooKeeperStateProvider</class>
        <property name="Connect String">$NIFI_ZK_CONNECT</property>
        <property name="Root Node">/nifi</property>
        <property name="Session Timeout">4 seconds</property>
        <property name="Access Control">Open</property>
    </cluster-provider>
EOF
  fi
  echo "</stateManagement>" >>"$NIFI_HOME/conf/state-management.xml"

  cat >"$NIFI_HOME/conf/logback.xml" <<'EOF'
<configuration>
    <contextListener class="ch.qos.logback.classic.jul.LevelChangePropagator">
        <resetJUL>true</resetJUL>
    </contextListener>
    <appender name="APP" class="ch.qos.logback.core.FileAppender">
        <file>${org.apache.nifi.bootstrap.config.log.dir}/nifi-app.log</file>
        <encoder><pattern>%date %level [%thread] %logger{40} %msg%n</pattern></encoder>
    </appender>
    <logger name="io.nifiecommerce" level="DEBUG"/>
    <logger name="org.eclipse.jetty" level="WARN"/>
    <logger name="org.springframework" level="WARN"/>
    <logger name="org.apache.nifi.controller.repository.StandardProcessSession" level="WARN"/>
    <root level="INFO"><appender-ref ref="APP"/></root>
</configuration>
EOF
}

# A node of the loopback cluster of harness/nifi-cluster.sh: cluster protocol and load balancing on local ports,
# ZooKeeper outside the node (coordinator and primary elections, cluster state), short heartbeats and ZooKeeper
# sessions so that a killed primary is replaced within seconds (docs/harness.md has the measured timings).
write_cluster_config() {
  [ -n "${NIFI_LOAD_BALANCE_PORT:-}" ] && [ -n "${NIFI_ZK_CONNECT:-}" ] \
    || die "a cluster node needs NIFI_LOAD_BALANCE_PORT and NIFI_ZK_CONNECT"
  sed -i -e 's/^nifi.cluster.is.node=false$/nifi.cluster.is.node=true/' \
    -e 's/^nifi.state.management.provider.cluster=$/nifi.state.management.provider.cluster=zk-provider/' \
    "$NIFI_HOME/conf/nifi.properties"
  cat >>"$NIFI_HOME/conf/nifi.properties" <<EOF

# cluster node (harness/nifi-cluster.sh)
nifi.cluster.node.address=$NIFI_HOST
nifi.cluster.node.protocol.port=$NIFI_CLUSTER_PROTOCOL_PORT
nifi.cluster.load.balance.host=$NIFI_HOST
nifi.cluster.load.balance.port=$NIFI_LOAD_BALANCE_PORT
nifi.cluster.protocol.heartbeat.interval=2 sec
# replicated requests (an upload creates a whole flow on every node) take more than the 5 s default on a busy machine
nifi.cluster.node.connection.timeout=30 secs
nifi.cluster.node.read.timeout=60 secs
nifi.cluster.flow.election.max.candidates=${NIFI_CLUSTER_NODES:-2}
nifi.cluster.flow.election.max.wait.time=30 secs
nifi.cluster.leader.election.implementation=CuratorLeaderElectionManager
nifi.zookeeper.connect.string=$NIFI_ZK_CONNECT
nifi.zookeeper.root.node=/nifi
nifi.zookeeper.connect.timeout=10 secs
nifi.zookeeper.session.timeout=4 secs
EOF
}

setup() {
  with_cache_lock fetch_runtime
  with_cache_lock build_standard_nar
  install_runtime
  install_nars "$@"
  write_config
  log "NIFI_HOME $NIFI_HOME ready"
}

# --- process -------------------------------------------------------------------------------------

nifi_pid() { # prints the pid of the NiFi started from this NIFI_HOME when it is alive
  [ -f "$pid_file" ] || return 1
  local pid; pid=$(cat "$pid_file")
  kill -0 "$pid" 2>/dev/null || return 1
  # a recycled pid belongs to someone else: check it is our NiFi before touching it
  ps -ww -o args= -p "$pid" 2>/dev/null | grep -q -- "-Dnifi.properties.file.path=$NIFI_HOME/conf/nifi.properties" || return 1
  echo "$pid"
}

# A cluster node answers as soon as its web server runs, with an error until it joined the cluster:
# harness/nifi-cluster.sh then waits for every node to be CONNECTED.
api_up() {
  if [ -n "$NIFI_CLUSTER_PROTOCOL_PORT" ]; then
    [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$api/flow/about" || true)" != "000" ]
  else
    curl -sf -o /dev/null --max-time 5 "$api/flow/about"
  fi
}

start() {
  command -v curl >/dev/null 2>&1 || die "curl is needed to talk to NiFi"
  if pid=$(nifi_pid); then log "already running (pid $pid) at http://$NIFI_HOST:$NIFI_PORT/nifi"; return 0; fi
  api_up && die "port $NIFI_PORT already answers as NiFi, but not one started from $NIFI_HOME"
  setup "$@"
  local java_home; java_home=$(find_jdk21)
  local classpath; classpath="$(printf '%s:' "$NIFI_HOME"/lib/*.jar)$NIFI_HOME/conf"
  local started=$SECONDS
  # shellcheck disable=SC2086 # NIFI_JAVA_OPTS is a list of options
  (cd "$NIFI_HOME" && exec nohup "$java_home/bin/java" -Xms256m -Xmx"$NIFI_HEAP" ${NIFI_JAVA_OPTS:-} \
      -Djava.awt.headless=true \
      -Dnifi.properties.file.path="$NIFI_HOME/conf/nifi.properties" \
      -Dorg.apache.nifi.bootstrap.config.log.dir="$NIFI_HOME/logs" \
      -Dorg.apache.nifi.management.server.address="$NIFI_HOST:$NIFI_MGMT_PORT" \
      -Dsun.net.http.allowRestrictedHeaders=true \
      --class-path "$classpath" org.apache.nifi.NiFi \
      >"$NIFI_HOME/logs/nifi-stdout.log" 2>&1 </dev/null) &
  local pid=$!
  echo "$pid" >"$pid_file"
  if [ -n "${NIFI_WATCH_PID:-}" ]; then watch_parent "$NIFI_WATCH_PID" "$pid"; fi
  log "started pid $pid (java $(java_major "$java_home")), waiting for $api"
  while ! api_up; do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -40 "$NIFI_HOME/logs/nifi-app.log" "$NIFI_HOME/logs/nifi-stdout.log" >&2 2>/dev/null || true
      rm -f "$pid_file"
      die "NiFi exited during startup; logs in $NIFI_HOME/logs"
    fi
    if [ $((SECONDS - started)) -ge "$NIFI_START_TIMEOUT" ]; then
      stop; die "NiFi did not answer within $NIFI_START_TIMEOUT s; logs in $NIFI_HOME/logs"
    fi
    sleep 1
  done
  log "up after $((SECONDS - started)) s: http://$NIFI_HOST:$NIFI_PORT/nifi"
}

# Stops NiFi when the process that asked for it (a test JVM, say) dies without stopping it.
watch_parent() {
  local parent=$1 pid=$2
  (
    while kill -0 "$parent" 2>/dev/null && kill -0 "$pid" 2>/dev/null; do sleep 2; done
    if ! kill -0 "$parent" 2>/dev/null; then kill "$pid" 2>/dev/null || true; fi
  ) </dev/null >/dev/null 2>&1 &
  disown 2>/dev/null || true
}

stop() {
  local pid
  if pid=$(nifi_pid); then
    kill "$pid"
    local waited=0
    while kill -0 "$pid" 2>/dev/null && [ $waited -lt 60 ]; do sleep 0.5; waited=$((waited + 1)); done
    if kill -0 "$pid" 2>/dev/null; then log "pid $pid ignored TERM for 30 s, killing"; kill -9 "$pid"; fi
    log "stopped pid $pid"
  fi
  rm -f "$pid_file"
}

status() {
  local pid
  if pid=$(nifi_pid); then
    if api_up; then echo "running: pid $pid, http://$NIFI_HOST:$NIFI_PORT/nifi (NIFI_HOME $NIFI_HOME)"; return 0; fi
    echo "starting: pid $pid, REST API not answering yet on port $NIFI_PORT"; return 3
  fi
  echo "stopped (NIFI_HOME $NIFI_HOME)"; return 3
}

# --- REST ----------------------------------------------------------------------------------------

json_id() { grep -o '"id":"[^"]*"' | head -1 | cut -d'"' -f4; }

upload() {
  [ $# -ge 1 ] && [ -f "$1" ] || die "usage: nifi.sh upload FLOW.json [NAME]"
  local name=${2:-$(basename "$1" .json)} id
  id=$(curl -sSf -F groupName="$name" -F positionX=0 -F positionY=0 -F clientId=nifi-sh \
         -F file=@"$1" "$api/process-groups/root/process-groups/upload" | json_id)
  [ -n "$id" ] || die "upload of $1 returned no process group id"
  echo "$id"
}

run_pg() {
  [ $# -eq 1 ] || die "usage: nifi.sh run-pg PG_ID"
  curl -sSf -o /dev/null -X PUT -H 'Content-Type: application/json' \
    -d "{\"id\":\"$1\",\"state\":\"ENABLED\"}" "$api/flow/process-groups/$1/controller-services"
  curl -sSf -o /dev/null -X PUT -H 'Content-Type: application/json' \
    -d "{\"id\":\"$1\",\"state\":\"RUNNING\"}" "$api/flow/process-groups/$1"
  log "process group $1 running"
}

reset() {
  stop
  rm -rf "$NIFI_HOME"/conf/flow.json.gz "$NIFI_HOME"/conf/flow.xml.gz "$NIFI_HOME"/{flowfile,content,provenance}_repository \
    "$NIFI_HOME"/database_repository "$NIFI_HOME"/state "$NIFI_HOME"/nar_repository "$NIFI_HOME"/assets \
    "$NIFI_HOME"/logs "$NIFI_HOME"/work/jetty "$NIFI_HOME"/work/uploads
}

clean() {
  stop
  rm -rf "$NIFI_HOME"
}

command=${1:-}
[ $# -gt 0 ] && shift
case "$command" in
  setup) setup "$@" ;;
  start) start "$@" ;;
  stop) stop ;;
  status) status ;;
  upload) upload "$@" ;;
  run-pg) run_pg "$@" ;;
  reset) reset ;;
  clean) clean ;;
  zookeeper-lib) with_cache_lock fetch_zookeeper ;;
  build-standard-nar) rm -f "$runtime_cache/nifi-standard-nar-$nifi_version.nar"; with_cache_lock build_standard_nar ;;
  *) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
