#!/bin/bash
# ci.sh - the kmemleak lab in CI (.ci/run calls it). Runs run.sh; when the cache holds
# no current kernel build it first checks that one can be made here and builds it
# (~10-14 min on 2 cores). Exit codes: 0 = all checks passed, or "SKIP: <reason>" when
# the lab truly cannot run on this machine; 1 = the lab ran (or its build ran) and failed.
# Total time is bounded by CI_LAB_TIMEOUT seconds (default 2400 = 40 min).
set -uo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
export KLEAKTOP_LAB_CACHE=${KLEAKTOP_LAB_CACHE:-$HOME/.cache/kleaktop-lab}
LIMIT=${CI_LAB_TIMEOUT:-2400}
T0=$(date +%s)

skip() {
    echo "SKIP: kmemleak lab: $*"
    exit 0
}

# Only what makes the lab impossible here is a skip; everything after that is a verdict.
[[ $(uname -m) == x86_64 ]] || skip "needs an x86_64 host (the guest runs the host's JDK), this is $(uname -m)"
((EUID == 0)) || skip "needs root (apt-get installs, 9p share of the host root)"
[[ -r /etc/debian_version ]] && command -v apt-get > /dev/null || skip "needs a Debian-family host with apt-get"

# apt-cache policy prints "Candidate: (none)" for a package the archive does not have
candidate() { apt-cache policy "$1" 2>/dev/null | awk '/Candidate:/ {print $2}'; }
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
pkgs=(qemu-system-x86 busybox-static gcc libc6-dev cpio gzip jq)
if ! "$HERE/build-kernel.sh" --cached; then
    pkgs+=(linux-source build-essential flex bison bc libelf-dev libssl-dev xz-utils kmod)
    d=$KLEAKTOP_LAB_CACHE
    while [[ ! -d $d ]]; do d=$(dirname "$d"); done
    free_kb=$(df -Pk "$d" 2>/dev/null | awk 'NR == 2 {print $4}')
    ((${free_kb:-0} >= 3 * 1024 * 1024)) \
        || skip "a kernel build takes ~2 GB in $KLEAKTOP_LAB_CACHE (3 GB free wanted), only $((${free_kb:-0} / 1024)) MB free"
    echo "ci-lab: no cached kernel build in $KLEAKTOP_LAB_CACHE: building one (~10-14 min)"
fi
missing=()
for p in "${pkgs[@]}"; do installed "$p" || missing+=("$p"); done
if ((${#missing[@]})); then
    apt-get update -qq > /dev/null 2>&1 || true
    unavailable=()
    for p in "${missing[@]}"; do
        c=$(candidate "$p")
        [[ -n $c && $c != "(none)" ]] || unavailable+=("$p")
    done
    ((${#unavailable[@]} == 0)) || skip "the package archive has no ${unavailable[*]}"
    echo "ci-lab: installing ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" > /dev/null \
        || { echo "ci-lab: FAIL: apt-get install ${missing[*]} failed"; exit 1; }
fi

timeout "$LIMIT" "$HERE/run.sh"
rc=$?
((rc == 124)) && echo "ci-lab: FAIL: the lab took more than $LIMIT s"
echo "ci-lab: exit $rc after $(($(date +%s) - T0)) s"
exit "$rc"
