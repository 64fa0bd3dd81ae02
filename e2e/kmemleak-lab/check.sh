#!/bin/bash
# check.sh RESULTS_DIR - judge a lab run on the host: concrete values from kleaktop's own
# output in RESULTS_DIR/steps, cross-checked against the raw kernel files the guest saved.
# Prints one PASS/FAIL/SKIP line per check and a summary; exit 0 only when no check
# failed (skips are steps whose subcommand the jar does not have yet).
set -uo pipefail

RES=${1:?usage: check.sh RESULTS_DIR}
S=$RES/steps
command -v jq > /dev/null || {
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends jq
} > /dev/null
# shellcheck disable=SC1091
. "$RES/lab.env"
CACHE_NAME=kleak_slab_obj
TOP_FN=kleak_leak_batch
LEAKED=$((PER_TICK * (TICKS + 1)))   # one batch from module init, then one per tick

pass=0 fail=0 skipped=0
ok() { echo "PASS  $1"; pass=$((pass + 1)); }
bad() { echo "FAIL  $1${2:+: $2}"; fail=$((fail + 1)); }
skp() { echo "SKIP  $1: $2"; skipped=$((skipped + 1)); }

# expect NAME JQ_FILTER FILE [jq args...]: PASS when the filter yields true; the failure
# shows what the filter saw
expect() {
    local name=$1 filter=$2 file=$3
    shift 3
    local got
    if [[ ! -s $file ]]; then bad "$name" "no output ($file)"; return; fi
    if got=$(jq -e "$@" "$filter" "$file" 2>&1); then ok "$name"; else bad "$name" "$(echo "$got" | head -c 300)"; fi
}
# step NAME: true when the step ran and exited 0; SKIP/FAIL lines otherwise
step() {
    local name=$1
    if [[ -e $S/$name.skip ]]; then skp "$name" "$(cat "$S/$name.skip")"; return 1; fi
    if [[ ! -e $S/$name.rc ]]; then bad "$name" "did not run (guest stopped early? see console.log)"; return 1; fi
    local rc
    rc=$(cat "$S/$name.rc")
    if [[ $rc != 0 ]]; then bad "$name: $(cat "$S/$name.cmd") exits 0" "exit $rc: $(head -c 300 "$S/$name.err")"; return 1; fi
    ok "$name: $(cat "$S/$name.cmd") exits 0"
}

echo "== lab run $RES"
if grep -q 'scenario done' "$RES/lab.log" 2>/dev/null; then ok "guest ran the whole scenario"; else bad "guest ran the whole scenario" "see $RES/console.log"; fi
raw_kleak=$(grep -c "$TOP_FN+" "$RES/kmemleak.txt" 2>/dev/null)
if ((raw_kleak >= LEAKED * 9 / 10)); then
    ok "kernel: kmemleak reported $raw_kleak of the $LEAKED objects kleak_slab leaked"
else
    bad "kernel: kmemleak reports the objects kleak_slab leaked" "$raw_kleak of $LEAKED"
fi

echo "== batch"
if step batch; then
    tail -n 1 "$S/batch.out" > "$S/batch.last.json"
    expect "batch: $BATCH_N json lines, one per refresh" 'length == $n' "$S/batch.out" -s --argjson n "$BATCH_N"
    expect "batch: $CACHE_NAME ranked first by growth" '.caches[0].name == $c' "$S/batch.last.json" --arg c "$CACHE_NAME"
    expect "batch: $CACHE_NAME growth_bytes_per_s > 0" '.caches[0].growth_bytes_per_s > 0' "$S/batch.last.json"
    expect "batch: $CACHE_NAME delta_bytes and delta_objs > 0" '.caches[0] | .delta_bytes > 0 and .delta_objs > 0' "$S/batch.last.json"
    expect "batch: $CACHE_NAME not reclaimable" '.caches[0].reclaimable == false' "$S/batch.last.json"
    expect "batch: $CACHE_NAME leak_suspect" '.caches[0].leak_suspect == true' "$S/batch.last.json"
    expect "batch: the SPEC's kmemleak and oom_events parts are there" 'has("kmemleak") and (.oom_events | type) == "array"' "$S/batch.last.json"
    echo "      suspects in the last refresh: $(jq -r '[.caches[] | select(.leak_suspect) | "\(.name) (\(.growth_bytes_per_s|floor) B/s)"] | join(", ")' "$S/batch.last.json")"
    expect "batch: no other cache is a leak suspect" '[.caches[] | select(.leak_suspect) | .name] == [$c]' "$S/batch.last.json" --arg c "$CACHE_NAME"
fi

echo "== snapshots"
for w in before after; do
    if step "snapshot-$w"; then
        expect "snapshot-$w: format kleaktop-snapshot version 1" '.format == "kleaktop-snapshot" and .version == 1' "$RES/snap-$w.json"
    fi
done
[[ -s $RES/snap-after.json ]] && expect "snapshot-after: holds $CACHE_NAME" 'any(.caches[]; .name == $c)' "$RES/snap-after.json" --arg c "$CACHE_NAME"
[[ -s $RES/snap-before.json ]] && expect "snapshot-before: no $CACHE_NAME yet (taken before insmod)" 'all(.caches[]; .name != $c)' "$RES/snap-before.json" --arg c "$CACHE_NAME"

echo "== diff"
if step diff; then
    expect "diff: $CACHE_NAME first" '.caches[0].name == $c' "$S/diff.out" --arg c "$CACHE_NAME"
    expect "diff: $CACHE_NAME delta_bytes > 0" '.caches[0].delta_bytes > 0' "$S/diff.out"
fi

echo "== kmemleak"
if step kmemleak-scan; then
    expect "kmemleak scan #1: json with status ok" '.status == "ok" and (.new_suspects | type) == "number"' "$S/kmemleak-scan.out"
    echo "      scan #1: $(jq -r '"\(.new_suspects) new suspects, \(.suspects_after) in all, \(.duration_s) s"' "$S/kmemleak-scan.out")"
fi
if step kmemleak-scan2; then
    total=$(grep -c '^unreferenced object' "$RES/kmemleak.txt")
    expect "kmemleak scan #2: reports the kernel's $total suspects (suspects_after)" '.suspects_after == $n' "$S/kmemleak-scan2.out" --argjson n "$total"
    expect "kmemleak scans #1 + #2: the $LEAKED leaked objects are among the new suspects" \
        '(.new_suspects + $one) >= $n' "$S/kmemleak-scan2.out" --argjson n "$LEAKED" \
        --argjson one "$(jq '.new_suspects // 0' "$S/kmemleak-scan.out" 2>/dev/null || echo 0)"
    expect "kmemleak scan #2: lists a group with top_frame $TOP_FN" 'any(.groups[]; .top_frame | startswith($f))' "$S/kmemleak-scan2.out" --arg f "$TOP_FN"
    echo "      scan #2: $(jq -r '"\(.new_suspects) new suspects, \(.suspects_after) in all, \(.duration_s) s"' "$S/kmemleak-scan2.out")"
fi
if step kmemleak-report; then
    R=$S/kmemleak-report.out
    expect "kmemleak report: records == the kernel's report ($(grep -c '^unreferenced object' "$RES/kmemleak.txt"))" \
        '(.records | length) == $n' "$R" --argjson n "$(grep -c '^unreferenced object' "$RES/kmemleak.txt")"
    expect "kmemleak report: biggest group has top_frame $TOP_FN" \
        '(.groups | max_by(.count) | .top_frame) | startswith($f)' "$R" --arg f "$TOP_FN"
    expect "kmemleak report: groups with top_frame $TOP_FN count the $raw_kleak objects" \
        '[.groups[] | select(.top_frame | startswith($f)) | .count] | add == $n' "$R" --arg f "$TOP_FN" --argjson n "$raw_kleak"
    expect "kmemleak report: their total_size is $raw_kleak x $OBJ_SIZE" \
        '[.groups[] | select(.top_frame | startswith($f)) | .total_size] | add == $n * $sz' "$R" \
        --arg f "$TOP_FN" --argjson n "$raw_kleak" --argjson sz "$OBJ_SIZE"
    expect "kmemleak report: a kleak record as the kernel printed it (size $OBJ_SIZE, object, kworker, backtrace via $TOP_FN, no age/crc on 6.1)" \
        'any(.records[]; .size == $sz and .kind == "object" and (.comm | startswith("kworker/")) and .pid > 0
            and (.backtrace | any(startswith($f))) and (.backtrace[0] | startswith("kmem_cache_alloc+"))
            and .age_s == null and .crc == null and (.address | test("^0x[0-9a-f]{16}$")))' "$R" \
        --arg f "$TOP_FN" --argjson sz "$OBJ_SIZE"
    echo "      groups: $(jq -r '.groups | length' "$R"); top 3: $(jq -r '[.groups | sort_by(-.count) | .[:3][] | "\(.count)x \(.top_frame)"] | join("; ")' "$R")"
fi
echo "== screen"
if step screen; then
    if grep -q 'KMEMLEAK' "$S/screen.0-start.txt" && grep -q "$CACHE_NAME" "$S/screen.0-start.txt"; then
        ok "screen: the first frame shows the table with $CACHE_NAME and the kmemleak pane"
    else
        bad "screen: the first frame shows the table with $CACHE_NAME and the kmemleak pane" "see $S/screen.0-start.txt"
    fi
    if grep -q 'scan done in' "$S/screen.1-after-k.txt"; then ok "screen: k ran a scan (status: $(grep -o 'kmemleak: scan done in[^│]*' "$S/screen.1-after-k.txt" | head -1 | sed 's/ *$//'))"; else bad "screen: k ran a scan" "no 'scan done in' status; see $S/screen.1-after-k.txt"; fi
    if grep -q "$TOP_FN" "$S/screen.1-after-k.txt"; then ok "screen: after k the kmemleak pane shows $TOP_FN"; else bad "screen: after k the kmemleak pane shows $TOP_FN" "see $S/screen.1-after-k.txt"; fi
fi
if step kmemleak-clear; then
    expect "kmemleak clear: says 0 suspects are reported now" 'test("cleared: 0 suspects")' "$S/kmemleak-clear.out" -R -s
fi
if step kmemleak-cleared; then
    expect "kmemleak report after clear: no records, no groups" '(.records | length) == 0 and (.groups | length) == 0' "$S/kmemleak-cleared.out"
fi

echo "== oom"
read -r hog_pid hog_rc < "$RES/memhog.status" || true
if [[ ${hog_rc:-} == 137 ]]; then ok "kernel: memhog (pid $hog_pid) was SIGKILLed in the memcg"; else bad "kernel: memhog was SIGKILLed in the memcg" "exit ${hog_rc:-?}"; fi
if step oom; then
    expect "oom: an event with victim memhog pid $hog_pid" \
        'any(.events[]; .victim_comm == "memhog" and .victim_pid == $p)' "$S/oom.out" --argjson p "${hog_pid:-0}"
    expect "oom: that event is memcg, CONSTRAINT_MEMCG, oom_memcg /oomtest" \
        'any(.events[]; .victim_comm == "memhog" and .kind == "memcg" and .constraint == "CONSTRAINT_MEMCG" and .oom_memcg == "/oomtest")' "$S/oom.out"
    # what to look at when the event is missing: the kernel's log, the step's time, its stderr
    echo "      oom step: $(awk '$1 == "oom" {print $2 " s"}' "$RES/timings.txt" 2>/dev/null), $(jq '.events | length' "$S/oom.out" 2>/dev/null) events;" \
        "kernel log has 'Killed process ${hog_pid:-?}': $(grep -c "Killed process ${hog_pid:-x} " "$RES/dmesg-after-oom.txt" 2>/dev/null || echo 0);" \
        "stderr: $(head -c 200 "$S/oom.err" 2>/dev/null)"
fi

echo "== summary: $pass passed, $fail failed, $skipped skipped ($RES)"
((fail == 0))
