#!/bin/sh
# /init of the kleaktop e2e guest (busybox-static). It prepares the kernel-side stage,
# then runs the scenario (guest-cmd.sh) chrooted in the host's root, where the host's
# JDK and target/kleaktop.jar are visible read-only, and finally saves the kernel logs.
#
#  1. mounts proc, sysfs, devtmpfs, devpts, debugfs, tmpfs and the 9p share "labout"
#     (the host's results dir) on /out; without it there is no result: power off.
#  2. turns kmemleak's automatic scan off (its first one fires 60 s after boot, in the
#     middle of the scenario, and would make "new suspects" depend on timing).
#  3. loads and unloads kmemleak-test.ko lab.leakcycles times (default 3): each cycle
#     orphans kmalloc/vmalloc/list objects from module init.
#  4. mounts cgroup2 with the memory controller and creates /oomtest with a memory.max of
#     lab.oomlimit MiB (default 32) for the contained OOM.
#  5. mounts the 9p share "hostroot" (host /, read-only) on /host, binds the guest's
#     /proc /sys /dev debugfs and cgroupfs over it, puts a tmpfs on /host/tmp, binds /out
#     to /host/tmp/out and copies busybox, memhog and the modules to /host/tmp/lab;
#     then runs /tmp/out/guest-cmd.sh chrooted in /host.
#  6. saves dmesg, raw /dev/kmsg records, final slabinfo/meminfo/kmemleak; powers off.
export PATH=/bin:/sbin
umask 022
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
mkdir -p /dev/pts && mount -t devpts devpts /dev/pts
mount -t debugfs debugfs /sys/kernel/debug
mount -t tmpfs tmpfs /tmp

arg() { # arg NAME DEFAULT: value of NAME=... on the kernel command line
	v=$(tr ' ' '\n' < /proc/cmdline | sed -n "s/^$1=//p" | tail -1)
	echo "${v:-$2}"
}
LEAKCYCLES=$(arg lab.leakcycles 3)
OOMLIMIT=$(arg lab.oomlimit 32)

poweroff_now() {
	sync
	echo "[lab] powering off"
	reboot -f # qemu runs with -no-reboot, so this ends the VM
}

mkdir -p /out
if ! mount -t 9p -o trans=virtio,version=9p2000.L,msize=262144 labout /out; then
	echo "[lab] ERROR: cannot mount the 9p share labout: no results can be written"
	poweroff_now
fi

now() { cut -d' ' -f1 /proc/uptime; }
log() { echo "[lab $(now)] $*"; echo "[lab $(now)] $*" >> /out/lab.log; }

log "kernel $(uname -r) cmdline: $(cat /proc/cmdline)"
uname -a > /out/uname.txt
cat /proc/meminfo > /out/meminfo.0-boot.txt
cat /proc/slabinfo > /out/slabinfo.0-boot.txt
zcat /proc/config.gz 2>/dev/null | grep -E 'KMEMLEAK|SLUB|MEMCG|DEBUG_FS' > /out/config-excerpt.txt
if [ -e /sys/kernel/debug/kmemleak ]; then
	echo scan=off > /sys/kernel/debug/kmemleak && log "kmemleak automatic scan off"
else
	log "ERROR: /sys/kernel/debug/kmemleak missing"
fi

i=0
while [ "$i" -lt "$LEAKCYCLES" ]; do
	insmod /lib/modules/kmemleak-test.ko && rmmod kmemleak_test
	i=$((i + 1))
done
log "kmemleak-test loaded and unloaded $LEAKCYCLES times"

mount -t cgroup2 cgroup2 /sys/fs/cgroup
echo +memory > /sys/fs/cgroup/cgroup.subtree_control
mkdir -p /sys/fs/cgroup/oomtest
echo $((OOMLIMIT * 1024 * 1024)) > /sys/fs/cgroup/oomtest/memory.max
echo 0 > /sys/fs/cgroup/oomtest/memory.swap.max 2>/dev/null
log "memcg /oomtest memory.max ${OOMLIMIT}M"

mkdir -p /host
if mount -t 9p -o trans=virtio,version=9p2000.L,msize=262144,ro,cache=loose hostroot /host; then
	for m in proc sys dev dev/pts sys/kernel/debug sys/fs/cgroup; do mount -o bind /$m /host/$m; done
	mount -t tmpfs tmpfs /host/tmp
	mkdir -p /host/tmp/out /host/tmp/lab
	mount -o bind /out /host/tmp/out
	cp /bin/busybox /bin/memhog /lib/modules/kleak_slab.ko /lib/modules/kmemleak-test.ko /host/tmp/lab/
	if [ -f /out/guest-cmd.sh ]; then
		log "running guest-cmd.sh chrooted in the host root"
		t0=$(now)
		chroot /host /bin/sh /tmp/out/guest-cmd.sh > /out/guest-cmd.out 2>&1
		rc=$?
		log "guest-cmd.sh exit $rc after $(echo "$t0 $(now)" | awk '{printf "%.1f", $2-$1}') s"
		echo "$rc" > /out/guest-cmd.rc
	else
		log "ERROR: no guest-cmd.sh in the results dir"
	fi
else
	log "ERROR: cannot mount the 9p share hostroot"
fi

cat /proc/slabinfo > /out/slabinfo.9-final.txt
cat /proc/meminfo > /out/meminfo.9-final.txt
cat /sys/kernel/debug/kmemleak > /out/kmemleak.final.txt
dmesg > /out/dmesg.txt
timeout 2 cat /dev/kmsg > /out/kmsg.txt
log "done"
umount /host/tmp/out 2>/dev/null
umount /out
poweroff_now
