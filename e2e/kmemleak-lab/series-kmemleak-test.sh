#!/bin/sh
# series-kmemleak-test.sh - a guest command (run-guest.sh GUEST_CMD=...) that records a
# captured series while the in-tree kmemleak-test module leaks: 60 s quiet, then
# kmemleak-test.ko loaded and unloaded every CYCLE_S seconds (default 5) for LEAK_S seconds
# (default 300; each load leaks its kmalloc/vmalloc test objects for good), then 60 s quiet.
# Writes slabinfo-series.txt (slabinfo and meminfo each second) and series.events to the
# results directory. For the verdict benchmark (bench/series), not for CI.
set -u
. /tmp/out/lab.env
O=/tmp/out
L=/tmp/lab
now() { cut -d' ' -f1 /proc/uptime; }
CYCLE_S=${CYCLE_S:-5}
LEAK_S=${LEAK_S:-300}
(
	while [ ! -e /tmp/series.stop ]; do
		t=$(now)
		{ echo "### t=$t"; cat /proc/slabinfo; echo "### t=$t path=proc/meminfo"; cat /proc/meminfo; } >> "$O/slabinfo-series.txt"
		sleep 1
	done
) &
rec=$!
sleep 60
echo "leak-start $(now) kmemleak-test loaded and unloaded every ${CYCLE_S}s for ${LEAK_S}s" >> "$O/series.events"
end=$(( $(cut -d. -f1 /proc/uptime) + LEAK_S ))
n=0
while [ "$(cut -d. -f1 /proc/uptime)" -lt "$end" ]; do
	"$L/busybox" insmod "$L/kmemleak-test.ko" && "$L/busybox" rmmod kmemleak_test
	n=$((n + 1))
	sleep "$CYCLE_S"
done
echo "leak-end $(now) after $n cycles" >> "$O/series.events"
sleep 60
touch /tmp/series.stop
wait "$rec"
