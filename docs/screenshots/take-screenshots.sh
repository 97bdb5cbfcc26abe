#!/usr/bin/env bash
# Screenshots of the flows of flow-templates/ as they look in the NiFi UI, taken from a real NiFi:
# builds and starts the demo (NiFi 2.3.0 + the bundle + the sandbox, flows imported and running), opens
# each process group in headless Chromium, saves docs/screenshots/<flow file name>.png, stops the demo.
#
# Usage: docs/screenshots/take-screenshots.sh [--port P] [--settle SECONDS]
#   --port P          NiFi's HTTP port (default 0: a free one)
#   --settle SECONDS  how long the flows run before the shots, so queues and counters show (default 30)
# Needs Debian's chromium (installed when run as root), Node.js 18+ and npm (playwright-core is
# installed into $NIFI_ECOMMERCE_CACHE/screenshots, default ~/.cache/nifi-ecommerce/screenshots).
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
out="$repo/docs/screenshots"
port=0
settle=30
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port=$2; shift 2 ;;
    --settle) settle=$2; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "Unknown option $1" >&2; exit 2 ;;
  esac
done

playwright_version=1.65.1
cache="${NIFI_ECOMMERCE_CACHE:-$HOME/.cache/nifi-ecommerce}/screenshots"
export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"

if [ ! -x "$CHROMIUM" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing Debian's chromium"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "Chromium is missing: install it (Debian: sudo apt-get install chromium) or set CHROMIUM to its path" >&2
    exit 1
  fi
fi
command -v node >/dev/null && command -v npm >/dev/null || { echo "Node.js and npm are needed" >&2; exit 1; }
if [ ! -f "$cache/node_modules/playwright-core/package.json" ] \
    || ! grep -q "\"version\": \"$playwright_version\"" "$cache/node_modules/playwright-core/package.json"; then
  echo "Installing playwright-core $playwright_version into $cache (it drives Debian's chromium; no browser download)"
  mkdir -p "$cache"
  npm install --silent --no-audit --no-fund --prefix "$cache" "playwright-core@$playwright_version" >/dev/null
fi
# ESM resolves packages from the script's own directory: run a copy placed next to node_modules
cp "$out/capture-flows.mjs" "$cache/capture-flows.mjs"

log=$(mktemp -t nifi-screenshots-demo.XXXXXX.log)
echo "Building and starting the demo (log: $log); NiFi may take a few minutes to start"
"$repo/demo.sh" --orders 20 --fault-rate 0 --port "$port" >"$log" 2>&1 &
succeeded=0
demo_pid=$!   # demo.sh execs java: this is the demo JVM, whose shutdown hook stops NiFi and the sandbox

stop_demo() {
  if kill -0 "$demo_pid" 2>/dev/null; then
    echo "Stopping the demo"
    kill -TERM "$demo_pid" 2>/dev/null || true
    for _ in $(seq 1 120); do kill -0 "$demo_pid" 2>/dev/null || break; sleep 1; done
  fi
  # with a free port the demo's NiFi home is named after its pid: of no use after the shots, kept
  # (with NiFi's logs) when something failed
  if [ "$succeeded" = 1 ] && [ "$port" = 0 ] && [ -d "$repo/.nifi/demo-$demo_pid" ]; then
    rm -rf "$repo/.nifi/demo-$demo_pid"
  fi
}
trap stop_demo EXIT

deadline=$((SECONDS + ${SCREENSHOT_START_TIMEOUT:-1200}))
until grep -q '^Imported and started' "$log"; do
  if ! kill -0 "$demo_pid" 2>/dev/null; then
    echo "The demo stopped before importing the flows:" >&2; tail -40 "$log" >&2; exit 1
  fi
  if [ $SECONDS -ge $deadline ]; then
    echo "The demo did not import the flows in time:" >&2; tail -40 "$log" >&2; exit 1
  fi
  sleep 5
done
ui=$(grep -o 'http://127\.0\.0\.1:[0-9]*/nifi' "$log" | head -1)
base=${ui%/nifi}
echo "Flows running on $ui; letting them work for ${settle}s"
sleep "$settle"

names=()
for flow in "$repo"/flow-templates/*.json; do
  name=$(basename "$flow" .json)
  case "$name" in *.*) continue ;; esac   # foo.test-parameters.json is not a flow
  case "$name" in   # flows the demo does not import: no B2B site calling in, no SFTP server
    erp-data-on-demand|tracking-to-shopify-over-sftp) continue ;;
  esac
  names+=("$name")
done
node "$cache/capture-flows.mjs" "$base" "$out" "${names[@]}"
succeeded=1
echo "Screenshots in $out"
