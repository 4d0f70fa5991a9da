#!/usr/bin/env bash
# The whole docketsync system on this machine (see README.md).
#   deploy/local/run.sh            build, then start everything; Ctrl-C stops it all
#   deploy/local/run.sh --no-build start what was built last
#   deploy/local/run.sh stop       stop a running platform (from another terminal)
#   deploy/local/run.sh token USER print a bearer token for a demo user (alice, bob, carol, dave) or "operator"
set -euo pipefail
cd "$(dirname "$0")/../.."
launcher_cp() { echo "deploy/local/target/local-run-0.1.0-SNAPSHOT.jar:$(cat deploy/local/target/classpath.txt)"; }

case "${1:-start}" in
  stop)
    if [[ ! -f .local/platform.pid ]]; then echo "docketsync is not running (no .local/platform.pid)"; exit 0; fi
    pid=$(cat .local/platform.pid)
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 120); do kill -0 "$pid" 2>/dev/null || { echo "stopped"; exit 0; }; sleep 0.5; done
    echo "still running after 60 s: pid $pid" >&2; exit 1 ;;
  token)
    if [[ ! -f deploy/local/target/classpath.txt ]]; then
      echo "deploy/local is not built yet: building it first (./mvnw -q -pl deploy/local -am install -DskipTests)" >&2
      ./mvnw -q -pl deploy/local -am install -DskipTests >&2
    fi
    exec java -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "$(launcher_cp)" io.docketsync.local.Token "${2:-}" ;;
  start|--no-build)
    if [[ "${1:-start}" != "--no-build" ]]; then ./mvnw -q -B install -DskipTests; fi
    exec java -Xmx512m -Djava.util.logging.manager=org.jboss.logmanager.LogManager -cp "$(launcher_cp)" io.docketsync.local.LocalPlatform ;;
  *)
    sed -n '2,7p' "$0"; exit 2 ;;
esac
