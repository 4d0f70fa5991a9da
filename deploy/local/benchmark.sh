#!/usr/bin/env bash
# Benchmark of the whole system on this machine (see README.md, "The benchmark"): starts the local run, measures it
# through the public APIs and the Graph simulator (its latency model on), prints a table, writes .local/benchmark-*.json,
# stops everything.
#   deploy/local/benchmark.sh [--no-build] [--no-latency] [--scale-out [N]] [--compare DIR] [Benchmark options]
#     --no-build       run what was built last (else ./mvnw package -DskipTests first; never install)
#     --no-latency     the simulator answers at once (default: Graph-like answer times, median 120 ms)
#     --scale-out [N]  also run the high phase with N (2) sync-worker and N connector-service instances; print the ratio
#     --compare DIR    also run another checkout (built with ./mvnw package -DskipTests), with its own platform and
#                      JVM flags but this tree's simulator; tables side by side (deploy/local/benchmark-compare.sh)
#   Benchmark options (defaults): --phases low,high,inbound,mass --users 200 --low-rate 5 --low-seconds 60
#     --rate 100 --seconds 30 --edits 0.2 --inbound-rate 100 --inbound-seconds 15 --mass 2000 --ceiling 20
set -euo pipefail
cd "$(dirname "$0")/../.."
here=$(pwd)
build=1 latency=true scale=0 compare="" bench_args=()
while (($#)); do
  case "$1" in
    --no-build) build=0 ;;
    --no-latency) latency=false ;;
    --scale-out) scale=2; if [[ "${2:-}" =~ ^[0-9]+$ ]]; then scale=$2; shift; fi ;;
    --compare) compare=$(cd "$2" && pwd); shift ;;
    *) bench_args+=("$1") ;;
  esac
  shift
done
if ((build)); then ./mvnw -q -B package -DskipTests; fi

launcher_cp() { echo "$1/deploy/local/target/local-run-0.1.0-SNAPSHOT.jar:$(cat "$1/deploy/local/target/classpath.txt")"; }
bench_cp=$(launcher_cp "$here")
mkdir -p .local
platform_pid=""
stop_platform() {
  if [[ -n "$platform_pid" ]] && kill -0 "$platform_pid" 2>/dev/null; then
    kill -TERM "$platform_pid"
    for _ in $(seq 1 120); do kill -0 "$platform_pid" 2>/dev/null || break; sleep 0.5; done
  fi
  platform_pid=""
}
trap stop_platform EXIT

# start_platform TREE LOG [ENV=VALUE...]: that checkout's own LocalPlatform (its launcher and classpath, its jars),
# in that checkout, with fixed ports; waits until it is ready
start_platform() {
  local tree=$1 log=$2; shift 2
  if [[ -f "$tree/.local/platform.pid" ]] && kill -0 "$(cat "$tree/.local/platform.pid")" 2>/dev/null; then
    echo "a local run is already up in $tree (pid $(cat "$tree/.local/platform.pid")): stop it first"; exit 1
  fi
  for port in 8081 8082 8083 8084 8090 5432 9092; do
    if (: <"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "port $port is busy: is another local run up?"; exit 1; fi
  done
  (cd "$tree" && exec env DOCKETSYNC_SIMULATOR_LATENCY_ENABLED="$latency" DOCKETSYNC_SIMULATOR_REQUEST_LOG_SIZE=200000 "$@" \
      java -Xmx512m -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "$(launcher_cp "$tree")" \
      io.docketsync.local.LocalPlatform) >"$log" 2>&1 &
  platform_pid=$!
  for _ in $(seq 1 400); do
    grep -q "docketsync is running" "$log" && return 0
    kill -0 "$platform_pid" 2>/dev/null || { tail -40 "$log"; echo "the local run in $tree exited before it was ready"; exit 1; }
    sleep 1
  done
  tail -40 "$log"; echo "the local run in $tree was not ready in 400 s"; exit 1
}

# bench HOME LABEL OUT [options...]: the benchmark (this tree's) against the platform that is up
bench() {
  local home=$1 label=$2 out=$3; shift 3
  java -Xmx1g -cp "$bench_cp" io.docketsync.local.Benchmark --home "$home" --label "$label" --out "$out" \
    ${bench_args[@]+"${bench_args[@]}"} "$@"
}

runs=() scale_runs=()
echo "== this tree ($(git rev-parse --short HEAD 2>/dev/null || echo '?')), Graph latency model: $latency"
start_platform "$here" .local/benchmark-platform.log
bench "$here/.local" new .local/benchmark-new.json
stop_platform
cp .local/benchmark-new.json .local/benchmark.json
runs+=(.local/benchmark-new.json)

if ((scale > 1)); then
  echo "== this tree with $scale sync-worker and $scale connector-service instances (high phase)"
  connectors=$(for k in $(seq 1 "$scale"); do printf 'http://localhost:%d,' $((8083 + 100 * (k - 1))); done)
  start_platform "$here" .local/benchmark-platform-x$scale.log \
    DOCKETSYNC_LOCAL_INSTANCES="sync-worker=$scale,connector-service=$scale"
  bench "$here/.local" "new x$scale" ".local/benchmark-new-x$scale.json" --phases high --connectors "${connectors%,}"
  stop_platform
  scale_runs=(--scale .local/benchmark-new.json ".local/benchmark-new-x$scale.json")
fi

if [[ -n "$compare" ]]; then
  echo "== $compare ($(git -C "$compare" rev-parse --short HEAD 2>/dev/null || echo '?')): its own platform and services, this tree's simulator"
  sim="$compare/graph-simulator/target/quarkus-app"
  # the fair comparison: both against the same simulator, with the latency model (the old one may have none)
  rm -rf "$sim.own"; [[ -d "$sim" ]] && mv "$sim" "$sim.own"
  cp -r graph-simulator/target/quarkus-app "$sim"
  restore_sim() { rm -rf "$sim"; [[ -d "$sim.own" ]] && mv "$sim.own" "$sim"; }
  trap 'stop_platform; restore_sim' EXIT
  start_platform "$compare" "$here/.local/benchmark-platform-old.log"
  bench "$compare/.local" old .local/benchmark-old.json
  stop_platform
  runs+=(.local/benchmark-old.json)
fi

java -cp "$bench_cp" io.docketsync.local.BenchmarkReport ${scale_runs[@]+"${scale_runs[@]}"} "${runs[@]}"
