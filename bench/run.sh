#!/usr/bin/env bash
# kleaktop benchmarks: one command that builds what it needs, generates the synthetic inputs,
# runs every measurement next to its baseline and prints one line per target (figure,
# target, pass/fail). See bench/RESULTS.md for recorded results.
#
# Usage: bench/run.sh            (as root: /proc/slabinfo and strace of the live box need it)
#
# Environment:
#   BENCH_RUNS=N      repetitions of each whole-process measurement (default 11; medians)
#   BENCH_WORK=DIR    where inputs and raw data go (default ${TMPDIR:-/tmp}/kleaktop-bench)
#   BENCH_NO_BUILD=1  use target/kleaktop.jar as it is
#   BENCH_ONLY="startup refresh ..."  run only these parts (startup frame refresh scale
#                     kmemleak oom memory observer export)
#
# Tools: perf (else bash's own timing), strace, tmux and perl (first frame of the screen), all
# public Debian packages; hyperfine is not needed (interleaved runs are done here).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
RUNS=${BENCH_RUNS:-11}
WORK=${BENCH_WORK:-${TMPDIR:-/tmp}/kleaktop-bench}
ONLY=${BENCH_ONLY:-startup frame refresh scale kmemleak oom memory observer export}
BENCH_DATA=$WORK/data
mkdir -p "$WORK" "$BENCH_DATA"
: >"$BENCH_DATA/summary"
# shellcheck source=bench/measure.sh
. "$here/measure.sh"

want() { case " $ONLY " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }
say() { printf '%s\n' "$*" >&2; }

# --- build and the two installed-like layouts: with and without the CDS archive --------
if [ -z "${BENCH_NO_BUILD:-}" ]; then
    say "bench: building (mvn -q -B -DskipTests package) ..."
    (cd "$repo" && mvn -q -B -DskipTests package >&2)
fi
jar=$repo/target/kleaktop.jar
[ -f "$jar" ] || { say "bench: $jar missing"; exit 1; }
# Copies of the jar and the launcher, so the sources may change while the bench runs.
mkdir -p "$WORK/nocds" "$WORK/cds" "$WORK/bin"
cp -p "$jar" "$WORK/nocds/kleaktop.jar"
cp -p "$jar" "$WORK/cds/kleaktop.jar"
cp -p "$repo/bin/kleaktop" "$repo/bin/make-cds" "$WORK/bin/"
launcher=$WORK/bin/kleaktop
jar=$WORK/cds/kleaktop.jar
rm -f "$WORK/cds/kleaktop.jsa" "$WORK/nocds/kleaktop.jsa"
# JLine's native library beside the jar, as an installation has it (bin/install)
"$repo/bin/extract-native" "$WORK/cds/kleaktop.jar" "$WORK/cds/native" || say "bench: JLine's native library stays in the jar"
"$WORK/bin/make-cds" "$WORK/cds/kleaktop.jar" >&2 || say "bench: no CDS archive could be made"
# has_class PATH: whether the jar holds that class (from a listing in a file: with pipefail,
# grep -q closing a pipe early would make the listing command, and so the test, fail)
unzip -Z1 "$jar" >"$WORK/jar.list" 2>/dev/null || true
has_class() { grep -qx "$1" "$WORK/jar.list"; }
nocds() { printf 'env KLEAKTOP_JAR=%s %s' "$WORK/nocds/kleaktop.jar" "$launcher"; }
kt() { printf 'env KLEAKTOP_JAR=%s %s' "$WORK/cds/kleaktop.jar" "$launcher"; }

# The JVM the launcher picks and the flags it passes (it prints them on request).
read -r -a jvm < <(KLEAKTOP_JAR=$WORK/nocds/kleaktop.jar KLEAKTOP_PRINT_JVM=1 "$launcher")
java_bin=${jvm[0]}
jvm_flags="${jvm[*]:1}"

# --- inputs --------------------------------------------------------------------------
corpus=$repo/src/test/resources/corpus
tree=$WORK/tree-10k
kml=$WORK/kmemleak-100k.txt
klog=$WORK/kern-50m.log
gen() { "$java_bin" -Xmx256m "$here/Gen.java" "$@"; }
if [ ! -f "$tree/proc/slabinfo" ] || [ "$here/Gen.java" -nt "$tree/proc/slabinfo" ]; then
    rm -rf "$tree"
    gen tree "$corpus" "$tree" 10000 >&2
fi
if [ ! -f "$kml" ] || [ "$here/Gen.java" -nt "$kml" ]; then gen kmemleak "$corpus" "$kml" 100000 >&2; fi
if [ ! -f "$klog" ] || [ "$here/Gen.java" -nt "$klog" ]; then gen log "$corpus" "$klog" 50 >&2; fi

# --- the machine -----------------------------------------------------------------------
live=yes
[ -r /proc/slabinfo ] || live=no
{
    echo "date:    $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), $(free -h | awk '/Mem:/ { print $2 }') RAM, kernel $(uname -r)"
    echo "java:    $("$java_bin" -version 2>&1 | sed -n 2p)"
    echo "flags:   $jvm_flags"
    echo "cds:     $( [ -f "$WORK/cds/kleaktop.jsa" ] && ls -l "$WORK/cds/kleaktop.jsa" | awk '{ printf "%.1f MiB archive", $5 / 1048576 }' || echo none)"
    echo "tools:   cpu time by $BENCH_CPU_TOOL; runs per figure: $RUNS (medians, interleaved)"
    echo "load:    $(cut -d' ' -f1-3 /proc/loadavg) at start"
} | tee "$BENCH_DATA/machine"
echo

# --- start-up ------------------------------------------------------------------------
if want startup; then
    say "bench: start-up ($RUNS runs each) ..."
    interleave "$RUNS" \
        version "$java_bin $jvm_flags -version" \
        nocds "$(nocds) -b -n 1" \
        cds "$(kt) -b -n 1"
    v=$(wall version); a=$(wall nocds); b=$(wall cds)
    printf '  java -version %s ms (cpu %s) | kleaktop -b -n 1: no CDS %s ms (cpu %s), CDS %s ms (cpu %s)\n' \
        "$v" "$(cpu version)" "$a" "$(cpu nocds)" "$b" "$(cpu cds)"
    result "start-up -b -n 1 (x java -version)" "$(ratio "$b" "$v")" 2 "x" "wall, with CDS; without: $(ratio "$a" "$v")x"
fi

# --- first frame of the screen ------------------------------------------------------------
if want frame; then
    if has_class 'dev/kleaktop/view/tui/Renderer.class'; then
        if command -v tmux >/dev/null 2>&1; then
            say "bench: first frame in tmux ($RUNS runs each) ..."
            sock=$WORK/tmux.sock
            # first_frame MARK CMD...: ms from starting CMD in a 200x60 tmux pane until MARK is
            # written to the pane. The pane's shell waits on a tmux channel until the clock is
            # read; the pane's output goes through pipe-pane to a perl reader that signals the
            # moment MARK passes. Event-driven, so nothing polls: polling tmux every few
            # milliseconds (the first version) cost CPU the measured program needed on a 2-core
            # machine, and added up to a polling interval to every figure.
            first_frame() {
                local mark=$1 t0 t1
                shift
                tmux -S "$sock" kill-server 2>/dev/null || true
                tmux -S "$sock" new-session -d -x 200 -y 60 "tmux -S '$sock' wait-for go; $*; sleep 30"
                tmux -S "$sock" pipe-pane -t 0 -O "perl -e '\$m = shift; \$a = \"\"; while (sysread(STDIN, \$b, 65536)) { \$a .= \$b; exit 0 if index(\$a, \$m) >= 0; \$a = substr(\$a, -64) }' '$mark'; tmux -S '$sock' wait-for -S seen"
                t0=$EPOCHREALTIME
                tmux -S "$sock" wait-for -S go
                timeout 20 tmux -S "$sock" wait-for seen || true
                t1=$EPOCHREALTIME
                tmux -S "$sock" kill-server 2>/dev/null || true
                awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f 0\n", (b - a) * 1000 }'
            }
            : >"$BENCH_DATA/fversion.runs"; : >"$BENCH_DATA/fscreen.runs"
            for ((i = 0; i < RUNS; i++)); do
                first_frame 'OpenJDK' "$java_bin $jvm_flags -version" >>"$BENCH_DATA/fversion.runs"
                # the memory line shows once the first sample is drawn (the table's titles come earlier)
                first_frame 'MemAvail' "KLEAKTOP_JAR=$WORK/cds/kleaktop.jar $launcher" >>"$BENCH_DATA/fscreen.runs"
            done
            printf '  in tmux: java -version shown after %s ms, first screen after %s ms\n' "$(wall fversion)" "$(wall fscreen)"
            result "first frame (x java -version)" "$(ratio "$(wall fscreen)" "$(wall fversion)")" 2 "x" "wall, tmux 200x60, with CDS"
        else
            not_measured "first frame (x java -version)" 2 "x" "tmux is not installed"
        fi
    else
        not_measured "first frame (x java -version)" 2 "x" "this build has no interactive screen yet"
    fi
fi

# --- CPU per refresh on the live box -----------------------------------------------------
N_LIVE=${BENCH_N_LIVE:-301}
if want refresh; then
    if [ "$live" = yes ]; then
        say "bench: CPU per refresh, live ($RUNS runs each) ..."
        interleave "$RUNS" \
            slabtop "slabtop -o" \
            live1 "$(kt) -b -d 0 -n 1" \
            liveN "$(kt) -b -d 0 -n $N_LIVE"
        per=$(awk -v a="$(cpu liveN)" -v b="$(cpu live1)" -v n="$N_LIVE" 'BEGIN { printf "%.3f\n", (a - b) / (n - 1) }')
        half=$(awk -v s="$(cpu slabtop)" 'BEGIN { printf "%.3f\n", s / 2 }')
        printf '  slabtop -o %s ms cpu | kleaktop -n 1 %s ms, -n %s %s ms cpu\n' "$(cpu slabtop)" "$(cpu live1)" "$N_LIVE" "$(cpu liveN)"
        result "cpu per refresh, live (ms)" "$per" "$half" "ms" "= half of slabtop -o ($(cpu slabtop) ms); $(wc -l </proc/slabinfo) slabinfo lines"
    else
        not_measured "cpu per refresh, live (ms)" "slabtop/2" "ms" "not root: /proc/slabinfo unreadable"
    fi
fi

# --- the 10,000-cache tree -----------------------------------------------------------------
N_TREE=${BENCH_N_TREE:-41}
if want scale; then
    say "bench: 10,000-cache tree ($RUNS runs each) ..."
    interleave "$RUNS" \
        tree1 "$(kt) -b -d 0 -n 1 --root $tree" \
        treeN "$(kt) -b -d 0 -n $N_TREE --root $tree"
    per=$(awk -v a="$(cpu treeN)" -v b="$(cpu tree1)" -v n="$N_TREE" 'BEGIN { printf "%.2f\n", (a - b) / (n - 1) }')
    printf '  kleaktop -b --root tree: -n 1 %s ms, -n %s %s ms cpu (text of all 10,000 rows each refresh)\n' \
        "$(cpu tree1)" "$N_TREE" "$(cpu treeN)"
    inproc() { "$java_bin" $jvm_flags -cp "$jar" "$here/InProcess.java" "$@"; }
    r=$(inproc refresh "$tree" 100 200)
    t=$(inproc table "$tree" 300 1000)
    printf '  in process: refresh %s | sort+filter+batch text of 60 rows %s\n' "$r" "$t"
    median_of() { sed 's/.*median_ms=\([0-9.]*\).*/\1/' <<<"$1"; }
    result "10k caches: cpu per refresh (ms)" "$(median_of "$r")" 25 "ms" "in process, Collector.refresh, window full; batch process incl. text of 10k rows: $per ms"
    if has_class 'dev/kleaktop/view/tui/Renderer.class'; then
        d=$(inproc screen "$tree" 300 1000)
        printf '  in process: sort+filter+draw of the screen, 200x60 %s\n' "$d"
        result "10k caches: sort+filter+draw (ms)" "$(median_of "$d")" 5 "ms" "in process, screen renderer into a 200x60 Lanterna virtual terminal"
    else
        result "10k caches: sort+filter+draw (ms)" "$(median_of "$t")" 5 "ms" "in process, batch text writer (no screen in this build)"
    fi
fi

# --- kmemleak and the kernel log, heap capped at 64 MiB ------------------------------------
if want kmemleak; then
    say "bench: kmemleak report ($RUNS runs each) ..."
    interleave "$RUNS" \
        grepk "grep -c unreferenced $kml" \
        kml "env KLEAKTOP_JAVA_OPTS=-Xmx64m $(kt) kmemleak --file $kml"
    KLEAKTOP_JAVA_OPTS=-Xmx64m KLEAKTOP_JAR=$WORK/cds/kleaktop.jar "$launcher" kmemleak --file "$kml" | head -n 1 | sed 's/^/  /'
    printf '  grep -c over the same file: %s ms\n' "$(wall grepk)"
    result "kmemleak 100k records, -Xmx64m (s)" "$(awk -v w="$(wall kml)" 'BEGIN { printf "%.2f\n", w / 1000 }')" 1.5 "s" \
        "wall, whole process; $(ratio "$(wall kml)" "$(wall grepk)")x grep; $(du -m "$kml" | cut -f1) MB"
fi
if want oom; then
    say "bench: kernel log ($RUNS runs each) ..."
    interleave "$RUNS" \
        grepl "grep -c oom-killer $klog" \
        oom "env KLEAKTOP_JAVA_OPTS=-Xmx64m $(kt) oom --dmesg-file $klog"
    KLEAKTOP_JAVA_OPTS=-Xmx64m KLEAKTOP_JAR=$WORK/cds/kleaktop.jar "$launcher" oom --dmesg-file "$klog" | tail -n 1 | sed 's/^/  /'
    printf '  reports embedded: %s; grep -c over the same file: %s ms\n' "$(grep -c 'invoked oom-killer' "$klog")" "$(wall grepl)"
    result "50 MB log OOM scan, -Xmx64m (s)" "$(awk -v w="$(wall oom)" 'BEGIN { printf "%.2f\n", w / 1000 }')" 2 "s" \
        "wall, whole process; $(ratio "$(wall oom)" "$(wall grepl)")x grep"
fi

# --- memory: 3,600 refreshes at -d 0 ----------------------------------------------------------
# rss_run NAME ARGS...: runs kleaktop, samples VmRSS of the JVM every 50 ms and prints
# "start mid end peak" in MiB (start/mid/end at 10%, 50% and 100% of the samples).
rss_run() {
    local name=$1 pid st
    shift
    : >"$BENCH_DATA/$name.rss"
    KLEAKTOP_JAR=$WORK/cds/kleaktop.jar "$launcher" "$@" >/dev/null 2>&1 &
    pid=$!
    local peak=0
    while kill -0 "$pid" 2>/dev/null; do
        st=$(awk '/^VmRSS:/ { r = $2 } /^VmHWM:/ { h = $2 } END { if (r) print r, h }' "/proc/$pid/status" 2>/dev/null || true)
        if [ -n "$st" ]; then
            printf '%s %s\n' "$EPOCHREALTIME" "$st" >>"$BENCH_DATA/$name.rss"
        fi
        sleep 0.05
    done
    wait "$pid" || true
    awk '{ r[NR] = $2; if ($3 > p) p = $3 } END {
        s = int(NR * 0.1); if (s < 1) s = 1; m = int(NR * 0.5); if (m < 1) m = 1;
        printf "%.1f %.1f %.1f %.1f\n", r[s] / 1024, r[m] / 1024, r[NR] / 1024, p / 1024 }' "$BENCH_DATA/$name.rss"
}
if want memory; then
    for what in live tree; do
        if [ "$what" = live ] && [ "$live" = no ]; then
            not_measured "peak RSS, 3600 refreshes live" 64 "MiB" "not root"
            continue
        fi
        say "bench: RSS over 3,600 refreshes ($what) ..."
        if [ "$what" = live ]; then
            read -r s m e p < <(rss_run rss_live -b -d 0 -n 3600)
        else
            read -r s m e p < <(rss_run rss_tree -b -d 0 -n 3600 --root "$tree")
        fi
        flat=$(awk -v m="$m" -v e="$e" 'BEGIN { print (e <= m * 1.05 + 1) ? "flat" : "GROWING" }')
        printf '  %s: RSS start %s, mid %s, end %s MiB (%s); peak %s MiB\n' "$what" "$s" "$m" "$e" "$flat" "$p"
        result "peak RSS, 3600 refreshes $what (MiB)" "$p" 64 "MiB" "RSS start/mid/end $s/$m/$e: $flat"
    done
fi

# --- observer effect: file opens -------------------------------------------------------------
# opens NAME N ARGS...: strace -f of kleaktop with N refreshes; prints "slabinfo sysfs"
opens() {
    local name=$1 n=$2 f
    shift 2
    f=$BENCH_DATA/$name.strace
    KLEAKTOP_JAR=$WORK/cds/kleaktop.jar strace -f -qq -e trace=open,openat -o "$f" "$launcher" -b -d 0 -n "$n" "$@" >/dev/null 2>&1 || true
    printf '%s %s\n' "$(grep -c 'proc/slabinfo"' "$f")" "$(grep -c 'sys/kernel/slab/' "$f")"
}
if want observer; then
    if command -v strace >/dev/null 2>&1; then
        for what in live tree; do
            if [ "$what" = live ] && [ "$live" = no ]; then continue; fi
            say "bench: file opens ($what) ..."
            args=(); [ "$what" = tree ] && args=(--root "$tree")
            read -r s1 y1 < <(opens "o1_$what" 1 "${args[@]}")
            read -r s20 y20 < <(opens "o20_$what" 20 "${args[@]}")
            printf '  %s: -n 1: %s slabinfo, %s sysfs opens; -n 20: %s slabinfo, %s sysfs opens\n' "$what" "$s1" "$y1" "$s20" "$y20"
            extra=$(( (s20 - 20) + (s1 - 1) ))
            result "slabinfo opens beyond 1/refresh ($what)" "$extra" 0 "opens" "-n 1: $s1, -n 20: $s20"
            result "sysfs opens after start ($what)" "$((y20 - y1))" 0 "opens" "at start: $y1"
        done
    else
        not_measured "observer effect" 0 "opens" "strace is not installed"
    fi
fi

# --- the exporter under attack and under load (loopback only, bounded) ------------------------
# export_start PORT ARGS...: starts 'kleaktop export' on 127.0.0.1:PORT in the background with
# the launcher's flags, waits (bounded) until it answers, and sets $export_pid.
export_start() {
    local port=$1 i
    shift
    KLEAKTOP_JAR=$WORK/cds/kleaktop.jar "$launcher" export --listen "127.0.0.1:$port" "$@" \
        >/dev/null 2>"$BENCH_DATA/export-$port.err" &
    export_pid=$!
    for ((i = 0; i < 100; i++)); do
        curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$port/metrics" && return 0
        sleep 0.2
    done
    return 1
}
# fig KEY LINE: the value of KEY=... in an ExportLoad line
fig() { tr ' ,' '\n\n' <<<"$2" | sed -n "s/^$1=//p" | head -n 1; }
if want export; then
    export_pid=""
    trap '[ -z "$export_pid" ] || kill "$export_pid" 2>/dev/null || true' EXIT
    if command -v curl >/dev/null 2>&1; then
        load_tool() { "$java_bin" -Xmx64m "$here/ExportLoad.java" "$@"; }
        port=$((20000 + RANDOM % 20000))
        say "bench: export under 11 and 500 slow connections (10k tree, --top 100) ..."
        if export_start "$port" --root "$tree"; then
            s11=$(load_tool slowloris "$port" "$export_pid" 11 8) || true
            s500=$(load_tool slowloris "$port" "$export_pid" 500 8) || true
            kill "$export_pid"; wait "$export_pid" 2>/dev/null || true; export_pid=""
            printf '  11 slow: %s\n  500 slow: %s\n' "$s11" "$s500"
            lat=$(fig median_ms "$(sed 's/.*scrape_during //' <<<"$s500")")
            ok=$(fig ok "$(sed 's/.*scrape_during //' <<<"$s500")")
            result "export: scrape with 500 slow conns (ms)" "${lat:--}" 1000 "ms" "median of 5 scrapes, $ok answered; held after 8 s: $(fig held_after_8s "$s500")"
            result "export: open files, 500 slow conns" "$(fig fds_peak "$s500")" 300 "fds" "before $(fig fds_before "$s500"), after $(fig fds_after "$s500")"
            result "export: RSS after slowloris (MiB)" "$(fig rss_after "$s500")" "$(awk -v b="$(fig rss_before "$s500")" 'BEGIN { print b + 8 }')" "MiB" \
                "before $(fig rss_before "$s500"), peak $(fig rss_peak "$s500"); target: before + 8"
            result "export: stderr lines under attack" "$(grep -vc '^kleaktop: export: source\|^kleaktop export: serving' "$BENCH_DATA/export-$port.err" || true)" 2 "lines" "one a minute at most"
        else
            not_measured "export: slowloris" 1000 "ms" "the exporter did not start ($(head -c 200 "$BENCH_DATA/export-$port.err"))"
        fi
        port=$((port + 1))
        say "bench: export --top 0 on 10,000 caches, 30 parallel scrapes x 5 ..."
        if export_start "$port" --root "$tree" --top 0 -d 2; then
            l=$(load_tool load "$port" "$export_pid" 30 5) || true
            kill "$export_pid"; wait "$export_pid" 2>/dev/null || true; export_pid=""
            printf '  30 parallel: %s\n' "$l"
            oom=$(grep -c 'OutOfMemoryError\|out of memory' "$BENCH_DATA/export-$port.err" || true)
            result "export --top 0 10k, 30 parallel: peak RSS" "$(fig rss_peak "$l")" 150 "MiB" \
                "before $(fig rss_before "$l"), 3 s after $(fig rss_after_3s "$l"); $(fig ok "$l") answered, median $(fig median_ms "$l") ms; $oom out-of-memory lines"
        else
            not_measured "export --top 0 10k, 30 parallel" 150 "MiB" "the exporter did not start"
        fi
    else
        not_measured "export" 1000 "ms" "curl is not installed"
    fi
fi

echo
echo "load:    $(cut -d' ' -f1-3 /proc/loadavg) at end"
echo
echo "SUMMARY"
cat "$BENCH_DATA/summary"
