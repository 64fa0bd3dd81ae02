#!/bin/bash
# leak-series.sh NAME PERIOD LEAK_S [KIND]: one "userspace-held growth" series: record
# 60 s quiet, run fdleak.py for LEAK_S seconds (a socket pair every PERIOD s), then record
# 300 s after it exits. Writes NAME.txt and NAME.events (uptime of the leak's start/end).
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
NAME=$1 PERIOD=$2 LEAK_S=$3 KIND=${4:-socketpair}
up() { cut -d' ' -f1 /proc/uptime; }
"$HERE/record.sh" "$NAME.txt" 2 & rec=$!
sleep 60
echo "leak-start $(up) $KIND every ${PERIOD}s for ${LEAK_S}s" >> "$NAME.events"
python3 "$HERE/fdleak.py" "$PERIOD" "$LEAK_S" "$KIND"
echo "leak-end $(up)" >> "$NAME.events"
sleep 300
touch "$NAME.txt.stop"; wait $rec
