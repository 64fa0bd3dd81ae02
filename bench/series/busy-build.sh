#!/bin/bash
# busy-build.sh - the "busy, no leak" workload of builds: a fresh clone's CI run
# (Maven build, the whole test suite, the kmemleak lab with its cached kernel), then the
# lab's kernel built from scratch into a throw-away cache. Run while record.sh records.
set -u
REPO=${1:-/work/main}
W=$(mktemp -d /tmp/busy-build.XXXXXX)
git clone -q "$REPO" "$W/clone"
(cd "$W/clone" && CI=true bash .ci/run) > "$W/ci.log" 2>&1
echo "ci rc=$?" 
KLEAKTOP_LAB_CACHE=$W/labcache FORCE=1 bash "$W/clone/e2e/kmemleak-lab/build-kernel.sh" > "$W/kernel.log" 2>&1
echo "kernel rc=$?"
rm -rf "$W"
