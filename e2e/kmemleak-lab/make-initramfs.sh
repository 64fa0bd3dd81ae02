#!/bin/bash
# make-initramfs.sh - busybox-static initramfs for the kmemleak lab guest.
# Contents: /init (guest-init.sh), busybox and its applet links, /bin/memhog (static C
# memory hog, the OOM victim), /lib/modules/{kmemleak-test,kleak_slab}.ko.
# Takes the modules from $CACHE/out (build-kernel.sh first); writes
# $CACHE/e2e/initramfs.cpio.gz (a name of its own: the shared lab scripts write
# $CACHE/out/initramfs.cpio.gz from a different /init).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/lib.sh"
CACHE=${KLEAKTOP_LAB_CACHE:-$HOME/.cache/kleaktop-lab}
OUT=$CACHE/out
E2E=$CACHE/e2e
ROOT=$E2E/initramfs-root

for f in kmemleak-test.ko kleak_slab.ko; do
    [[ -s $OUT/$f ]] || { echo "make-initramfs: $OUT/$f missing: run build-kernel.sh first" >&2; exit 1; }
done

install_missing make-initramfs busybox-static cpio gzip gcc libc6-dev

rm -rf "$ROOT"
mkdir -p "$ROOT"/{bin,sbin,dev,proc,sys,tmp,out,host,lib/modules,etc}
cp /bin/busybox "$ROOT/bin/busybox"
for applet in $("$ROOT/bin/busybox" --list); do
    [[ -e $ROOT/bin/$applet ]] || ln -s busybox "$ROOT/bin/$applet"
done
gcc -static -O2 -o "$ROOT/bin/memhog" "$HERE/memhog.c"
cp "$OUT/kmemleak-test.ko" "$OUT/kleak_slab.ko" "$ROOT/lib/modules/"
install -m 0755 "$HERE/guest-init.sh" "$ROOT/init"
echo 'root:x:0:0:root:/:/bin/sh' > "$ROOT/etc/passwd"
echo 'root:x:0:' > "$ROOT/etc/group"

(cd "$ROOT" && find . -print0 | cpio --null -o -H newc --owner=0:0 --quiet | gzip -6) > "$E2E/initramfs.cpio.gz.tmp"
mv "$E2E/initramfs.cpio.gz.tmp" "$E2E/initramfs.cpio.gz"
echo "make-initramfs: $(du -h "$E2E/initramfs.cpio.gz" | cut -f1) $E2E/initramfs.cpio.gz"
