#!/usr/bin/env bash
# Benchmark of the whole system on this machine (see README.md): starts the local run, measures it through the
# public APIs and the Graph simulator, prints a table, writes .local/benchmark.json, stops everything.
#   deploy/local/benchmark.sh [--no-build] [--rate 100] [--users 20] [--seconds 30] [--inbound-rate 100]
#                             [--inbound-seconds 15] [--mass 2000] [--ceiling 20] [--out .local/benchmark.json]
set -euo pipefail
cd "$(dirname "$0")/../.."
if [[ "${1:-}" == "--no-build" ]]; then shift; else ./mvnw -q -B install -DskipTests; fi
if [[ -f .local/platform.pid ]] && kill -0 "$(cat .local/platform.pid)" 2>/dev/null; then
  echo "a local run is already up (pid $(cat .local/platform.pid)): stop it first (deploy/local/run.sh stop)"; exit 1
fi
mkdir -p .local
log=.local/benchmark-platform.log
deploy/local/run.sh --no-build >"$log" 2>&1 &
trap 'deploy/local/run.sh stop >/dev/null || true' EXIT
for _ in $(seq 1 300); do
  grep -q "docketsync is running" "$log" && break
  kill -0 $! 2>/dev/null || { cat "$log"; echo "the local run exited before it was ready"; exit 1; }
  sleep 1
done
grep -q "docketsync is running" "$log" || { cat "$log"; echo "the local run was not ready in 300 s"; exit 1; }
cp="deploy/local/target/local-run-0.1.0-SNAPSHOT.jar:$(cat deploy/local/target/classpath.txt)"
java -Xmx512m -cp "$cp" io.docketsync.local.Benchmark "$@"
