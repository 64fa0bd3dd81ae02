#!/bin/sh
# guest-cmd.sh - the kleaktop scenario. Runs inside the guest, chrooted in the host's
# root (read-only 9p), so the host's JDK and the project's target/kleaktop.jar run
# unchanged against the guest's real kmemleak kernel. /tmp is a guest tmpfs; the host's
# results dir is /tmp/out; busybox, memhog and the modules are in /tmp/lab.
# Parameters come from /tmp/out/lab.env (written by run-guest.sh).
#
# Each kleaktop run is a "step": /tmp/out/steps/NAME.{out,err,rc,cmd}, or NAME.skip
# with the reason when the jar has no such subcommand; a step is killed after
# STEP_TIMEOUT seconds (300; exit 124). The checker (check.sh) judges
# the steps on the host. Raw kernel output is saved next to them for the corpus.
#
# Timeline:
#   snapshot-before   kleaktop snapshot, before the leaking module is loaded
#   batch             kleaktop -b -n BATCH_N -d 1 -w BATCH_W --format json; after its
#                     first refresh: insmod kleak_slab (PER_TICK objects of OBJ_SIZE
#                     bytes every PERIOD_MS, TICKS times)
#   (wait for the last tick; dump /sys/kernel/slab)
#   snapshot-after    kleaktop snapshot
#   kmemleak-scan     kleaktop kmemleak scan --format json
#   kmemleak-scan2    the same again (fresh objects need two scans)
#   kmemleak-report   kleaktop kmemleak report --format json
#   screen            kleaktop -d 2 -s size in tmux: press k, capture the pane, q
#   kmemleak-clear    kleaktop kmemleak clear
#   kmemleak-cleared  kleaktop kmemleak report --format json (expects no records)
#   (memhog in memcg /oomtest: a contained OOM kill)
#   oom               kleaktop oom --format json
#   diff              kleaktop diff --format json snap-before.json snap-after.json
set -u
. /tmp/out/lab.env
export HOME=/tmp XDG_STATE_HOME=/tmp/out/state
O=/tmp/out
S=$O/steps
L=/tmp/lab
mkdir -p "$S" "$XDG_STATE_HOME"

now() { cut -d' ' -f1 /proc/uptime; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN{printf "%.1f", b-a}'; }
log() { # to the lab log and to the serial console, where run-guest.sh shows it
	line="[cmd $(now)] $*"
	echo "$line" >> "$O/lab.log"
	echo "$line" > /dev/console
}
have() { case " $HAVE " in *" $1 "*) return 0 ;; esac; return 1; }

# kt NAME ARGS...: one JVM run of the jar, nothing else in between
kt() {
	name=$1
	shift
	echo "kleaktop $*" > "$S/$name.cmd"
	t0=$(now)
	timeout "${STEP_TIMEOUT:-300}" "$JAVA" $JAVA_OPTS -jar "$JAR" "$@" > "$S/$name.out" 2> "$S/$name.err"
	rc=$?
	echo "$rc" > "$S/$name.rc"
	log "step $name: exit $rc after $(since "$t0") s: kleaktop $*"
	echo "$name $(since "$t0")" >> "$O/timings.txt"
}
skip() { # skip NAME REASON
	echo "$2" > "$S/$1.skip"
	log "step $1: SKIPPED: $2"
}
need() { # need SUBCOMMAND NAME: false (and a skip) when the jar lacks SUBCOMMAND
	have "$1" && return 0
	if [ "$1" = screen ]; then
		skip "$2" "this kleaktop.jar has no interactive screen (it refuses without -b)"
	else
		skip "$2" "this kleaktop.jar has no '$1' subcommand"
	fi
	return 1
}

log "JVM $JAVA; jar $JAR; subcommands: $HAVE"

# ---- before the growth
need snapshot snapshot-before && kt snapshot-before snapshot -o "$O/snap-before.json"

# ---- kleaktop watching, then the leaking module growing under its eyes. The module is
# loaded once the first refresh is out, so the growth covers the whole batch run however
# long the JVM takes to start (6-11 s under TCG), and the cache is one first seen mid-run.
kt batch -b -n "$BATCH_N" -d 1 -w "$BATCH_W" --format json &
batch=$!
i=0
while [ ! -s "$S/batch.out" ] && [ "$i" -lt 600 ] && kill -0 "$batch" 2> /dev/null; do
	sleep 0.1
	i=$((i + 1))
done
t_ins=$(now)
"$L/busybox" insmod "$L/kleak_slab.ko" ticks="$TICKS" per_tick="$PER_TICK" obj_size="$OBJ_SIZE" period_ms="$PERIOD_MS"
log "insmod kleak_slab: $TICKS ticks x $PER_TICK objects of $OBJ_SIZE bytes every $PERIOD_MS ms"
# a raw slabinfo series alongside (one cat per second is cheap even under TCG)
(
	while [ ! -e /tmp/series.stop ]; do
		t=$(now)
		{ echo "### t=$t"; cat /proc/slabinfo; echo "### t=$t path=proc/meminfo"; cat /proc/meminfo; } >> "$O/slabinfo-series.txt"
		sleep 1
	done
) &
series=$!
wait "$batch"
log "batch ended $(since "$t_ins") s after insmod"

# ---- the growth is over when the module prints its last tick
i=0
while ! dmesg | grep -q "kleak_slab: tick $TICKS/$TICKS:" && [ "$i" -lt 120 ]; do
	sleep 1
	i=$((i + 1))
done
log "growth over $(since "$t_ins") s after insmod: $(grep '^kleak_slab_obj ' /proc/slabinfo)"
touch /tmp/series.stop
wait "$series"
cat /proc/slabinfo > "$O/slabinfo.1-after-growth.txt"
cat /proc/meminfo > "$O/meminfo.1-after-growth.txt"

need snapshot snapshot-after && kt snapshot-after snapshot -o "$O/snap-after.json"
# /sys/kernel/slab as "CACHE/ATTR:VALUE" lines, one grep per attribute (a cat per file
# takes a minute under TCG), and the listing with the alias symlinks. Only after the
# snapshot: reading ~4600 sysfs files adds ~1.7 MB of inode_cache (sysfs inodes), which
# would compete with the leak in the diff.
(
	cd /sys/kernel/slab || exit
	for a in object_size slab_size objs_per_slab order objects objects_partial total_objects slabs partial cpu_slabs aliases align ctor reclaim_account hwcache_align poison red_zone store_user sanity_checks trace destroy_by_rcu cache_dma usersize min_partial cpu_partial; do
		grep -H '' */$a 2>/dev/null
	done
) > "$O/sys-kernel-slab.txt"
ls -l /sys/kernel/slab > "$O/sys-kernel-slab-ls.txt"

# ---- kmemleak
# fresh objects need two scans: the first sees their checksum "change" since allocation
# and only greys them, so the scenario scans twice, as the kernel docs and kleaktop's help say
if need kmemleak kmemleak-scan; then
	kt kmemleak-scan kmemleak scan --format json
	kt kmemleak-scan2 kmemleak scan --format json
else
	skip kmemleak-scan2 "this kleaktop.jar has no 'kmemleak' subcommand"
	# the raw report is wanted for the corpus anyway: scan the way the kernel docs say
	echo scan > /sys/kernel/debug/kmemleak
	echo scan > /sys/kernel/debug/kmemleak
fi
cat /sys/kernel/debug/kmemleak > "$O/kmemleak.txt"
log "kmemleak: $(grep -c '^unreferenced object' "$O/kmemleak.txt") records after the scans"
if need kmemleak kmemleak-report; then
	kt kmemleak-report kmemleak report --format json
fi
# ---- the screen, in a detached tmux session (the host's tmux, seen through the chroot):
# wait for the first full frame, press k (a kmemleak scan in the background), wait for the
# scan's status line and capture the pane: the kmemleak side pane must list the module's
# group; then q. Sorted by size, as the growth is over by now and rates are flat.
if need screen screen; then
	if command -v tmux > /dev/null; then
		pane() { tmux -S /tmp/tmux.sock capture-pane -p -t lab 2> /dev/null; }
		until_pane() { # until_pane REGEX SECONDS: poll the pane for REGEX, by the clock
			end=$(($(date +%s) + $2))
			while ! pane | grep -Eq "$1" && [ "$(date +%s)" -lt "$end" ]; do sleep 0.5; done
		}
		echo "kleaktop -d 2 -s size (tmux 160x40), keys: k, q" > "$S/screen.cmd"
		t0=$(now)
		tmux -S /tmp/tmux.sock new-session -d -s lab -x 160 -y 40 \
			"$JAVA $JAVA_OPTS -jar $JAR -d 2 -s size 2> $S/screen.err; echo \$? > $S/screen.rc"
		until_pane 'KMEMLEAK' 120
		until_pane 'kleak_slab_obj' 20
		pane > "$S/screen.0-start.txt"
		tmux -S /tmp/tmux.sock send-keys -t lab k
		log "screen: first frame $(since "$t0") s after start; pressed k"
		until_pane 'scan done in' 90
		sleep 1
		pane > "$S/screen.1-after-k.txt"
		tmux -S /tmp/tmux.sock send-keys -t lab q
		end=$(($(date +%s) + 20))
		while tmux -S /tmp/tmux.sock has-session -t lab 2> /dev/null && [ "$(date +%s)" -lt "$end" ]; do sleep 0.5; done
		tmux -S /tmp/tmux.sock kill-server 2> /dev/null
		[ -e "$S/screen.rc" ] || echo "did not quit on q" > "$S/screen.rc"
		log "step screen: exit $(cat "$S/screen.rc") after $(since "$t0") s"
		echo "screen $(since "$t0")" >> "$O/timings.txt"
	else
		skip screen "tmux is not installed on the host"
	fi
fi
if need kmemleak kmemleak-clear; then
	kt kmemleak-clear kmemleak clear
	kt kmemleak-cleared kmemleak report --format json
	cat /sys/kernel/debug/kmemleak > "$O/kmemleak.after-clear.txt"
else
	skip kmemleak-cleared "this kleaktop.jar has no 'kmemleak' subcommand"
fi

# ---- a contained OOM kill: memhog in a memcg with a small memory.max
CG=/sys/fs/cgroup/oomtest
t0=$(now)
sh -c "echo \$\$ > $CG/cgroup.procs && exec $L/memhog 512 2" > "$O/memhog.out" 2>&1 &
hog=$!
wait "$hog"
hogrc=$?
echo "$hog $hogrc" > "$O/memhog.status"
log "memhog pid $hog exit status $hogrc after $(since "$t0") s (137 = killed)"
for f in memory.events memory.max memory.peak memory.current; do
	[ -r "$CG/$f" ] && { echo "== $f"; cat "$CG/$f"; }
done > "$O/memcg-after-oom.txt"
need oom oom && kt oom oom --format json
# the kernel's own log right after, for the check to tell a missing report from a missed one
dmesg > "$O/dmesg-after-oom.txt" 2>&1

# ---- snapshots compared
if need diff diff; then
	if [ -s "$O/snap-before.json" ] && [ -s "$O/snap-after.json" ]; then
		kt diff diff --format json "$O/snap-before.json" "$O/snap-after.json"
	else
		skip diff "a snapshot is missing (see the snapshot steps)"
	fi
fi
log "scenario done"
