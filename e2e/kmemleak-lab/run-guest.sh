#!/bin/bash
# run-guest.sh RESULTS_DIR - boot the lab kernel under qemu and run the kleaktop scenario.
#
# The guest sees two 9p shares: "labout" (RESULTS_DIR, writable) and "hostroot" (the
# host's /, read-only), and runs guest-cmd.sh chrooted in the latter. It writes its
# artefacts into RESULTS_DIR; the serial console goes to RESULTS_DIR/console.log.
# Needs build-kernel.sh and make-initramfs.sh to have run (run.sh does all of it).
#
# Environment (defaults in brackets):
#   KLEAKTOP_LAB_CACHE [~/.cache/kleaktop-lab]   JAR [<repo>/target/kleaktop.jar]
#   JAVA [the host's java, resolved]  JAVA_OPTS [bin/kleaktop's JVM flags]
#   HAVE [subcommands the jar has, e.g. "snapshot diff"]
#   TICKS [500] PER_TICK [2] OBJ_SIZE [8192] PERIOD_MS [500]   kleak_slab's growth:
#        TICKS*PERIOD_MS ms (250 s) from the batch's first refresh, longer than the
#        batch run (BATCH_N refreshes 1 s apart), so the whole run is growth, at
#        ~32 KiB/s (3 objects to a 32 KiB slab: 1.3 slabs a second): the leak rule's
#        fast path (rising floors over half its 240 s horizon, 72 slabs) names it in
#        about two minutes. Few big objects keep the kmemleak report small (~1000
#        records) and clearly outgrow kmemleak_object (176 bytes for every allocation
#        in the guest) in the diff. A slow leak for the verdict benchmark:
#        PER_TICK=1 PERIOD_MS=9000 TICKS=60 BATCH_N=600 (a slab every ~27 s for 9 min)
#   BATCH_N [150] BATCH_W [12]         the batch step: -n BATCH_N -d 1 -w BATCH_W
#   STEP_TIMEOUT [300]                 seconds after which a kleaktop step in the guest is killed
#   ACCEL [tcg] (the reference host's /dev/kvm is kvm-pvm, which cannot run a stock
#        kernel)  SMP [2]  MEM [512M]  TIMEOUT [1500 s]
#   LAB_ARGS  extra kernel command line words (lab.leakcycles=N lab.oomlimit=MiB)
#   GUEST_CMD another script to run in the chroot instead of guest-cmd.sh (debugging)
# Kernel command line: pci=noacpi avoids a ~5 s stall in virtio_pci probing under TCG
# while ACPI still enumerates both CPUs; kmemleak=on is the default here but harmless.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
CACHE=${KLEAKTOP_LAB_CACHE:-$HOME/.cache/kleaktop-lab}
OUT=$CACHE/out
RES=${1:?usage: run-guest.sh RESULTS_DIR}
ACCEL=${ACCEL:-tcg}
SMP=${SMP:-2}
MEM=${MEM:-512M}
TIMEOUT=${TIMEOUT:-1500}
JAR=${JAR:-$REPO/target/kleaktop.jar}
JAVA=${JAVA:-$(readlink -f "$(command -v java)")}

for f in "$OUT/bzImage" "$CACHE/e2e/initramfs.cpio.gz" "$JAR" "$JAVA"; do
    [[ -s $f ]] || { echo "run-guest: $f missing" >&2; exit 1; }
done
command -v qemu-system-x86_64 > /dev/null || { echo "run-guest: qemu-system-x86_64 not installed" >&2; exit 1; }

mkdir -p "$RES"
RES=$(cd "$RES" && pwd)
cp "${GUEST_CMD:-$HERE/guest-cmd.sh}" "$RES/guest-cmd.sh"
# The guest sees host paths unchanged (read-only), except /tmp, which is the guest's own
# tmpfs there: a checkout under /tmp (CI clones can be) would hide the jar. So the jar goes
# into the results directory, which the guest mounts at /tmp/out.
cp "$JAR" "$RES/kleaktop.jar"
cat > "$RES/lab.env" <<EOF
JAVA='$JAVA'
JAR='/tmp/out/kleaktop.jar'
JAVA_OPTS='${JAVA_OPTS:--Xmx96m -Xss512k -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData -XX:CICompilerCount=1 -Xshare:auto}'
HAVE='${HAVE:-}'
TICKS=${TICKS:-500}
PER_TICK=${PER_TICK:-2}
OBJ_SIZE=${OBJ_SIZE:-8192}
PERIOD_MS=${PERIOD_MS:-500}
BATCH_N=${BATCH_N:-150}
BATCH_W=${BATCH_W:-12}
STEP_TIMEOUT=${STEP_TIMEOUT:-300}
EOF

case $ACCEL in
    kvm) cpu=(-accel kvm -cpu host) ;;
    *) cpu=(-accel tcg,thread=multi -cpu max) ;;
esac

echo "run-guest: accel=$ACCEL smp=$SMP mem=$MEM results=$RES"
T0=$(date +%s.%N)
set +e
timeout "$TIMEOUT" qemu-system-x86_64 "${cpu[@]}" -smp "$SMP" -m "$MEM" \
    -machine pc -display none -monitor none -serial stdio -no-reboot \
    -kernel "$OUT/bzImage" -initrd "$CACHE/e2e/initramfs.cpio.gz" \
    -append "console=ttyS0 kmemleak=on panic=-1 pci=noacpi ${LAB_ARGS:-}" \
    -virtfs "local,path=$RES,mount_tag=labout,security_model=none,id=labout" \
    -virtfs "local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap,id=hostroot" \
    < /dev/null 2>&1 | tee "$RES/console.log" | grep --line-buffered -E '^\[(lab|cmd) '
rc=${PIPESTATUS[0]}
set -e
secs=$(awk -v a="$T0" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}')
echo "run-guest: qemu exit $rc after ${secs} s (boot to poweroff, accel=$ACCEL)" | tee "$RES/host-run.txt"
cp "$OUT/config" "$RES/kernel-config.txt"
cp "$OUT/kernelrelease" "$RES/kernelrelease.txt"
((rc == 0)) || { echo "run-guest: qemu failed or timed out (exit $rc); see $RES/console.log" >&2; exit 1; }
