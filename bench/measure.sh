# Measurement helpers for bench/run.sh (sourced, bash). Nothing of the measuring tool is in
# the figures:
#   with perf (perf_event_paranoid <= 2, or root): 'perf stat' runs the command and reports
#         its wall time from the moment the command is started ("seconds time elapsed") and
#         its CPU (task-clock: every thread and child);
#   else: $EPOCHREALTIME around the command, which bash starts itself, and its CPU from bash's
#         'times' (getrusage of the finished children; this counts the forked shell's few
#         hundred microseconds before exec too).
# (The first version took the wall time around 'perf stat' itself: perf's own start-up, a few
# milliseconds, was then part of every wall figure, the baseline's too, and flattered every
# ratio against 'java -version'.)
#
# The machine is shared and noisy, so commands that are compared run interleaved
# (A B C A B C ...) and are summarised by their medians: load that comes and goes hits
# every command alike, and the ratio of medians is what the targets are stated in.
if perf stat -e task-clock -o /dev/null true >/dev/null 2>&1; then
    BENCH_CPU_TOOL="perf stat"
else
    BENCH_CPU_TOOL="bash times"
fi

# children_cpu_us: CPU microseconds (user + system) of this shell's children that have
# finished so far. Builtins only (no subshell, no child process of its own to count).
children_cpu_us() {
    local line u s
    times >"$BENCH_DATA/.times"
    { read -r line; read -r u s; } <"$BENCH_DATA/.times"
    CHILDREN_CPU_US=$(($(cpu_field_us "$u") + $(cpu_field_us "$s")))
}

# cpu_field_us 1m2.345s -> 62345000 (bash prints milliseconds)
cpu_field_us() {
    local f=$1 min sec whole frac
    min=${f%%m*}
    sec=${f#*m}
    sec=${sec%s}
    whole=${sec%%.*}
    frac=${sec#*.}
    frac=${frac}000
    frac=${frac:0:3}
    echo $(((10#$min * 60 + 10#$whole) * 1000000 + 10#$frac * 1000))
}

# once CMD...: runs CMD once (stdout and stderr discarded) and prints "WALL_MS CPU_MS".
once() {
    local t0 t1 c0
    if [ "$BENCH_CPU_TOOL" = "perf stat" ]; then
        perf stat -e task-clock -o "$BENCH_DATA/.perf" -- "$@" >/dev/null 2>&1 </dev/null || true
        awk '/task-clock/ { c = $1 } /seconds time elapsed/ { w = $1 * 1000 }
             END { printf "%.2f %.2f\n", w, c }' "$BENCH_DATA/.perf"
        return
    fi
    children_cpu_us
    c0=$CHILDREN_CPU_US
    t0=$EPOCHREALTIME
    "$@" >/dev/null 2>&1 </dev/null || true
    t1=$EPOCHREALTIME
    children_cpu_us
    awk -v a="$t0" -v b="$t1" -v c="$((CHILDREN_CPU_US - c0))" 'BEGIN { printf "%.2f %.2f\n", (b - a) * 1000, c / 1000 }'
}

# median: the median of the numbers on stdin, one per line.
median() {
    sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) { print "nan"; exit } m = int((NR + 1) / 2);
        if (NR % 2) print v[m]; else printf "%.3f\n", (v[m] + v[m + 1]) / 2 }'
}

# interleave RUNS NAME1 'CMD1' NAME2 'CMD2' ...: runs the commands in turn RUNS times and
# leaves one "WALL CPU" line per run in $BENCH_DATA/NAME.runs. Each CMD is a string that is
# word-split after "once" (use "env VAR=value cmd ..." to set variables for one command).
interleave() {
    local runs=$1 i k
    shift
    local -a names=() cmds=()
    while [ $# -gt 0 ]; do
        names+=("$1")
        cmds+=("$2")
        : >"$BENCH_DATA/$1.runs"
        shift 2
    done
    for ((i = 0; i < runs; i++)); do
        for k in "${!names[@]}"; do
            eval "once ${cmds[$k]}" >>"$BENCH_DATA/${names[$k]}.runs"
        done
    done
}

# wall NAME / cpu NAME: the median wall / CPU milliseconds of NAME's runs.
wall() { awk '{ print $1 }' "$BENCH_DATA/$1.runs" | median | awk '{ printf "%.1f\n", $1 }'; }
cpu() { awk '{ print $2 }' "$BENCH_DATA/$1.runs" | median | awk '{ printf "%.1f\n", $1 }'; }

# ratio A B: A / B with two decimals.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "nan"; else printf "%.2f\n", a / b }'; }

# verdict FIGURE TARGET: "pass" when FIGURE <= TARGET.
verdict() { awk -v f="$1" -v t="$2" 'BEGIN { print (f != "nan" && f + 0 <= t + 0) ? "pass" : "FAIL" }'; }

# result NAME FIGURE TARGET UNIT [NOTE]: one summary line, also kept for the final table.
result() {
    local line
    line=$(printf '%-40s %10s %-6s target <= %-8s %s  %s [load %s]' "$1" "$2" "$4" "$3" "$(verdict "$2" "$3")" "${5:-}" \
        "$(cut -d' ' -f1 /proc/loadavg)")
    printf '%s\n' "$line" | tee -a "$BENCH_DATA/summary"
}

# not_measured NAME TARGET UNIT WHY
not_measured() {
    printf '%-40s %10s %-6s target <= %-8s %s  %s\n' "$1" "-" "$3" "$2" "not measured" "$4" | tee -a "$BENCH_DATA/summary"
}
