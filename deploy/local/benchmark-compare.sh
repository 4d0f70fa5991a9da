#!/usr/bin/env bash
# The benchmark of this tree next to an older commit's, in the same run on the same machine (see README.md):
#   deploy/local/benchmark-compare.sh OLD_COMMIT [benchmark.sh options]
# Checks OLD_COMMIT out into a worktree of its own (default /tmp/docketsync-bench-<sha>, or DOCKETSYNC_COMPARE_DIR;
# kept for the next comparison: git worktree remove DIR), builds it there with ./mvnw -o package -DskipTests (package,
# not install: ~/.m2's artifacts of the same version stay this tree's), then runs deploy/local/benchmark.sh --compare DIR:
# the old commit runs its own LocalPlatform, services and JVM flags from its own target folders, against this tree's
# simulator (with the latency model, which an old commit may not have).
set -euo pipefail
cd "$(dirname "$0")/../.."
old=${1:?usage: deploy/local/benchmark-compare.sh OLD_COMMIT [benchmark.sh options]}; shift
sha=$(git rev-parse --short "$old^{commit}")
dir=${DOCKETSYNC_COMPARE_DIR:-/tmp/docketsync-bench-$sha}
if [[ ! -d "$dir" ]]; then git worktree add --detach "$dir" "$sha"; fi
if [[ "$(git -C "$dir" rev-parse --short HEAD)" != "$sha" ]]; then echo "$dir holds $(git -C "$dir" rev-parse --short HEAD), not $sha"; exit 1; fi
echo "== building $sha in $dir"
# what the local run starts, and the launcher; the old tree's jars and classpath stay in its own target folders
(cd "$dir" && ./mvnw -o -q -B -pl graph-simulator,activity-service,settings-service,connector-service,sync-worker,web-app,deploy/local \
  -am package -DskipTests)
exec deploy/local/benchmark.sh --compare "$dir" "$@"
