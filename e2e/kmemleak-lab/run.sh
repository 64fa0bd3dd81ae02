#!/bin/bash
# run.sh [RESULTS_DIR] - kleaktop end to end against a real kmemleak kernel under qemu.
#
#   1. builds target/kleaktop.jar when it is missing or older than the sources (Maven,
#      offline, on the host; never in the guest);
#   2. builds the lab kernel, or takes it from the cache (build-kernel.sh), and the
#      initramfs when its inputs changed (make-initramfs.sh);
#   3. asks the jar which subcommands it has (steps for missing ones are SKIPPED);
#   4. boots the guest, which runs guest-cmd.sh (run-guest.sh, ~2-3 min under TCG);
#   5. judges the results (check.sh) and exits 0 only when no check failed.
# RESULTS_DIR defaults to $KLEAKTOP_LAB_CACHE/results/<UTC time>; $CACHE/results/latest
# points at the last one. Environment: see run-guest.sh (growth and batch parameters).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
CACHE=${KLEAKTOP_LAB_CACHE:-$HOME/.cache/kleaktop-lab}
export KLEAKTOP_LAB_CACHE=$CACHE
RES=${1:-$CACHE/results/$(date -u +%Y%m%dT%H%M%SZ)}
JAR=$REPO/target/kleaktop.jar
T0=$(date +%s)

# 1. the jar
if [[ ! -s $JAR ]] || [[ -n $(find "$REPO/src/main" "$REPO/pom.xml" -newer "$JAR" -print -quit) ]]; then
    echo "run: building $JAR"
    # offline first (fast, no network); a fresh clone may still lack the package-phase plugins
    (cd "$REPO" && { mvn -q -B -o -Dstyle.color=never package -DskipTests || mvn -q -B -Dstyle.color=never package -DskipTests; })
fi

# 2. kernel, initramfs, qemu
command -v qemu-system-x86_64 > /dev/null || {
    echo "run: installing qemu-system-x86"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends qemu-system-x86
}
"$HERE/build-kernel.sh"
INITRD=$CACHE/e2e/initramfs.cpio.gz
stale=0
[[ -s $INITRD ]] || stale=1
for f in "$HERE/guest-init.sh" "$HERE/memhog.c" "$HERE/make-initramfs.sh" "$CACHE/out/kmemleak-test.ko" "$CACHE/out/kleak_slab.ko"; do
    [[ $f -nt $INITRD ]] && stale=1
done
((stale == 0)) || "$HERE/make-initramfs.sh"

# 3. which subcommands the jar has: for a missing one picocli prints the root help
java_bin=$(readlink -f "$(command -v java)")
root_help=$("$java_bin" -jar "$JAR" --help 2>&1 || true)
have=""
for sub in snapshot diff oom kmemleak; do
    sub_help=$("$java_bin" -jar "$JAR" "$sub" --help 2>&1) || continue
    [[ $sub_help != "$root_help" ]] && have="$have $sub"
done
# the screen: builds without it say so from KleaktopCommand (a pty would be needed to ask)
scratch=$(mktemp -d)
if (cd "$scratch" && "$(dirname "$java_bin")/jar" xf "$JAR" dev/kleaktop/cli/KleaktopCommand.class) \
    && ! grep -q 'not available in this build' "$scratch/dev/kleaktop/cli/KleaktopCommand.class"; then
    have="$have screen"
fi
rm -rf "$scratch"
echo "run: kleaktop subcommands:${have:- none besides -b}"

# 4. the guest
mkdir -p "$RES"
RES=$(cd "$RES" && pwd)
mkdir -p "$CACHE/results"
[[ $RES == "$CACHE/results/"* ]] && ln -sfn "$RES" "$CACHE/results/latest"
HAVE="${have# }" JAR=$JAR JAVA=$java_bin "$HERE/run-guest.sh" "$RES" || true

# 5. the verdict
set +e
"$HERE/check.sh" "$RES" | tee "$RES/summary.txt"
rc=${PIPESTATUS[0]}
echo "run: $(($(date +%s) - T0)) s in all; results in $RES"
exit "$rc"
