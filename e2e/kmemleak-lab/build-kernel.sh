#!/bin/bash
# build-kernel.sh - the kmemleak lab kernel: Linux 6.1 (Debian's linux-source package)
# with a real kmemleak, plus two leaking modules:
#   kmemleak-test.ko  the in-tree samples/kmemleak module (CONFIG_DEBUG_KMEMLEAK_TEST=m)
#   kleak_slab.ko     kleak-slab/ here: leaks from its own slab cache "kleak_slab_obj"
#
# Config: make tinyconfig + kernel/configs/kvm_guest.config + kmemlab.config (next to
# this script); every line of the fragment is checked to have survived.
#
# Everything is built and cached OUTSIDE the repository, in
#   ${KLEAKTOP_LAB_CACHE:-$HOME/.cache/kleaktop-lab}
#     linux-source-6.1/  extracted source   build/  object tree
#     out/               bzImage kmemleak-test.ko kleak_slab.ko config System.map
#                        kernelrelease inputs.sha256
# Cache key: sha256 of kmemlab.config followed by kleak-slab/kleak_slab.c (not the
# linux-source version: after Debian ships a newer 6.1.x tarball, delete
# $CACHE/linux-source-6.1 and run with FORCE=1). A hit returns at once.
#
# From scratch this takes ~9.5 min on a quiet 2-core host (-j2), ~14 min when loaded.
# Runs unattended as root on Debian 12; installs its build dependencies with apt-get.
# Environment: KLEAKTOP_LAB_CACHE, FORCE=1 (rebuild), JOBS (default nproc).
# build-kernel.sh --cached: exit 0 when the cache holds a current build, 1 otherwise.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
CACHE=${KLEAKTOP_LAB_CACHE:-$HOME/.cache/kleaktop-lab}
OUT=$CACHE/out
BUILD=$CACHE/build
JOBS=${JOBS:-$(nproc)}
FRAG=$HERE/kmemlab.config
MODSRC=$HERE/kleak-slab

inputs_sum() { cat "$FRAG" "$MODSRC/kleak_slab.c" | sha256sum; }
cached() {
    local f
    for f in bzImage kmemleak-test.ko kleak_slab.ko inputs.sha256 kernelrelease; do
        [[ -s $OUT/$f ]] || return 1
    done
    [[ "$(inputs_sum)" == "$(cat "$OUT/inputs.sha256")" ]]
}
if [[ ${1:-} == --cached ]]; then
    cached
    exit
fi
if [[ "${FORCE:-0}" != 1 ]] && cached; then
    echo "build-kernel: cached kernel $(cat "$OUT/kernelrelease") in $OUT"
    exit 0
fi
mkdir -p "$CACHE" "$OUT"

install_missing build-kernel linux-source build-essential flex bison bc libelf-dev libssl-dev cpio xz-utils kmod

# prefer 6.1 (the fragment was made for it); otherwise the newest tarball there is
TARBALL=/usr/src/linux-source-6.1.tar.xz
[[ -f $TARBALL ]] || TARBALL=$(ls /usr/src/linux-source-*.tar.xz 2>/dev/null | sort -V | tail -1)
[[ -n $TARBALL && -f $TARBALL ]] || { echo "build-kernel: no /usr/src/linux-source-*.tar.xz after installing linux-source" >&2; exit 1; }
SRC=$CACHE/$(basename "$TARBALL" .tar.xz)
if [[ ! -f $SRC/Makefile ]]; then
    echo "build-kernel: extracting $TARBALL"
    tar -C "$CACHE" -xf "$TARBALL"
fi
cp "$FRAG" "$SRC/kernel/configs/kmemlab.config"

mkdir -p "$BUILD"
T0=$(date +%s)
{
    make -s -C "$SRC" O="$BUILD" tinyconfig
    make -s -C "$SRC" O="$BUILD" kvm_guest.config
    make -s -C "$SRC" O="$BUILD" kmemlab.config
} > "$BUILD/config-merge.log" 2>&1

# dependency resolution silently drops symbols it cannot satisfy: insist on every line
bad=0
while IFS= read -r line; do
    case "$line" in
        CONFIG_*=*)
            if ! grep -qxF "$line" "$BUILD/.config"; then
                echo "build-kernel: not set: $line (got: $(grep "^${line%%=*}=\|^# ${line%%=*} " "$BUILD/.config" || echo absent))"
                bad=1
            fi ;;
        "# CONFIG_"*" is not set")
            sym=${line#\# }; sym=${sym%% *}
            if grep -q "^$sym=[ym]" "$BUILD/.config"; then echo "build-kernel: still set: $sym"; bad=1; fi ;;
    esac
done < "$FRAG"
((bad == 0)) || { echo "build-kernel: config fragment did not apply cleanly" >&2; exit 1; }
T1=$(date +%s)

make -s -C "$SRC" O="$BUILD" -j"$JOBS" all
T2=$(date +%s)

# the out-of-tree module is built in a copy inside the cache: never write into the repo
rm -rf "$CACHE/kleak-slab"
cp -r "$MODSRC" "$CACHE/kleak-slab"
chmod -R u+w "$CACHE/kleak-slab"
make -s -C "$BUILD" M="$CACHE/kleak-slab" modules

cp "$CACHE/kleak-slab/kleak_slab.ko" "$OUT/kleak_slab.ko"
cp "$BUILD/arch/x86/boot/bzImage" "$OUT/bzImage"
cp "$BUILD/samples/kmemleak/kmemleak-test.ko" "$OUT/kmemleak-test.ko"
cp "$BUILD/.config" "$OUT/config"
cp "$BUILD/System.map" "$OUT/System.map"
make -s -C "$SRC" O="$BUILD" kernelrelease > "$OUT/kernelrelease"
inputs_sum > "$OUT/inputs.sha256"
echo "build-kernel: $(cat "$OUT/kernelrelease"): config $((T1 - T0)) s, compile $((T2 - T1)) s (-j$JOBS)"
