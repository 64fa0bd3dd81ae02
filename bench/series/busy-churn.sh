#!/bin/bash
# busy-churn.sh SECONDS - the "busy, no leak" workload of churn, for SECONDS seconds:
# files created and deleted on disk, files on a tmpfs written and removed, many short
# processes, and loopback HTTP traffic (one TCP connection per request). Run while
# record.sh records. Everything it creates is gone when it ends.
set -u
DUR=${1:-1500}
W=$(mktemp -d /tmp/busy-churn.XXXXXX)
mkdir -p "$W/disk" "$W/tmpfs"
mount -t tmpfs -o size=512m churn "$W/tmpfs"
end=$(( $(date +%s) + DUR ))
alive() { [ "$(date +%s)" -lt "$end" ]; }
( while alive; do                       # disk: 20000 files, then gone
    for i in $(seq 1 20000); do : > "$W/disk/f$i"; done; rm -f "$W/disk"/f*; sleep 1
  done ) &
( while alive; do                       # tmpfs: files of 4 KiB..1 MiB, then removed
    for i in $(seq 1 300); do head -c $(( (RANDOM % 256 + 1) * 4096 )) /dev/zero > "$W/tmpfs/t$i"; done
    sleep 2; rm -f "$W/tmpfs"/t*; sleep 1
  done ) &
( while alive; do                       # short processes: pipelines of a few
    for i in $(seq 1 200); do sh -c 'echo x | cat | wc -c' > /dev/null; done; sleep 0.5
  done ) &
python3 -m http.server 18777 --bind 127.0.0.1 --directory "$W/disk" > /dev/null 2>&1 & srv=$!
sleep 1
( while alive; do                       # loopback: a TCP connection per request
    for i in $(seq 1 100); do curl -s -o /dev/null http://127.0.0.1:18777/; done; sleep 0.2
  done ) &
sleep "$DUR"; wait $(jobs -p | grep -v "^$srv$") 2>/dev/null
kill $srv; wait 2>/dev/null
umount "$W/tmpfs"; rm -rf "$W"
