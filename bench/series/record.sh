#!/bin/bash
# record.sh - record a captured series: /proc/slabinfo and /proc/meminfo with a
# "### t=SECONDS path=..." stamp (seconds since boot, from /proc/uptime) every INTERVAL s,
# the format `kleaktop --series` replays (see README, "Captured series").
#   record.sh OUT [INTERVAL=2]      runs until OUT.stop exists or it is killed
# The loop is the README's capture loop with both files; nothing here needs kleaktop.
set -u
OUT=${1:?usage: record.sh OUT [INTERVAL]}
INTERVAL=${2:-2}
rm -f "$OUT.stop"
while [ ! -e "$OUT.stop" ]; do
    t=$(cut -d' ' -f1 /proc/uptime)
    { echo "### t=$t"; cat /proc/slabinfo
      echo "### t=$t path=proc/meminfo"; cat /proc/meminfo; } >> "$OUT"
    sleep "$INTERVAL"
done
