#!/bin/sh
# verdict.sh - the verdict benchmark: replays the recorded series of bench/series (see its
# README) through kleaktop's collector and prints, per series, the caches flagged and when,
# and a summary line each (bench/Verdict.java). Exit status 0 when every target is met.
#   bench/verdict.sh [MANIFEST] [--horizon S --min-growth N --min-growth-kib K --min-growth-pct P]
# Builds target/kleaktop.jar first when it is missing.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
[ -f target/kleaktop.jar ] || mvn -q -B -DskipTests package
exec java -cp target/kleaktop.jar bench/Verdict.java "$@"
