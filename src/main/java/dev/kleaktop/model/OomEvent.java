package dev.kleaktop.model;

import java.util.List;

/**
 * One OOM-killer event, as reconstructed from the kernel log: usually one kill. Field names
 * follow the SPEC's {@code oom_events} objects (camelCase here, snake_case in JSON). Every value
 * the log did not show is null: a partial report (a pasted fragment, a log filtered with grep,
 * a report cut by a panic, an old kernel) gives a partial event, never invented zeros, and says
 * so in {@code complete} and {@code missing}.
 *
 * @param uptimeS           seconds since boot of the start of the report, or null
 * @param time              wall clock of the start of the report as printed (or ISO-8601 when
 *                          computed for live records), or null
 * @param kind              {@code global}, {@code memcg}, or another constraint lower-cased
 *                          without its {@code CONSTRAINT_} prefix ({@code cpuset},
 *                          {@code memory_policy}); null when the log does not say
 * @param constraint        the {@code constraint=} value as printed, e.g. {@code CONSTRAINT_MEMCG}
 * @param triggerComm       the task that invoked the OOM killer (the allocating task)
 * @param gfpMask           as printed, e.g. {@code 0xcc0(GFP_KERNEL)} or {@code 0xd0}
 * @param order             allocation order (-1 for memcg/sysrq on some kernels)
 * @param victimPid         the pid actually killed (the {@code Killed process} line, which may
 *                          be a sacrificed child of the selected task); when that line is
 *                          missing, the task the report selected ({@code oom-kill:}'s
 *                          {@code pid=}, or {@code Kill process N}); null when the report never
 *                          names one
 * @param victimComm        the killed task's comm
 * @param totalVmKb         victim's total-vm in kB
 * @param anonRssKb         victim's anon-rss in kB
 * @param fileRssKb         victim's file-rss in kB
 * @param shmemRssKb        victim's shmem-rss in kB (absent before 4.9)
 * @param oomScoreAdj       victim's oom_score_adj (from the kill line, else the task table)
 * @param oomMemcg          the memory cgroup whose limit was hit, or null
 * @param taskMemcg         the victim's memory cgroup, or null
 * @param unreclaimableSlab the kernel's {@code Unreclaimable slab info:} table, empty when absent
 * @param reaped            what the oom_reaper left of the victim, or null when not seen
 * @param complete          true when the log held the report's {@code invoked oom-killer:}
 *                          header and its {@code Killed process} line; false when it did not;
 *                          null when not known (snapshots written before the field existed)
 * @param missing           what the log did not have, from {@link #HEADER} and
 *                          {@link #KILLED_PROCESS}; empty when complete, null when not known
 */
public record OomEvent(
        Double uptimeS,
        String time,
        String kind,
        String constraint,
        String triggerComm,
        String gfpMask,
        Integer order,
        Long victimPid,
        String victimComm,
        Long totalVmKb,
        Long anonRssKb,
        Long fileRssKb,
        Long shmemRssKb,
        Integer oomScoreAdj,
        String oomMemcg,
        String taskMemcg,
        List<UnreclaimableSlab> unreclaimableSlab,
        Reaped reaped,
        Boolean complete,
        List<String> missing) {

    /** {@code missing}: the {@code invoked oom-killer:} line (trigger, gfp_mask, order unknown). */
    public static final String HEADER = "header";
    /** {@code missing}: the {@code Killed process} line (the victim's sizes unknown; no kill seen). */
    public static final String KILLED_PROCESS = "killed_process";

    public OomEvent {
        unreclaimableSlab = unreclaimableSlab == null ? List.of() : List.copyOf(unreclaimableSlab);
        missing = missing == null ? null : List.copyOf(missing);
    }

    /** The same event with the given wall-clock time. */
    public OomEvent withTime(String wallTime) {
        return new OomEvent(uptimeS, wallTime, kind, constraint, triggerComm, gfpMask, order, victimPid, victimComm,
                totalVmKb, anonRssKb, fileRssKb, shmemRssKb, oomScoreAdj, oomMemcg, taskMemcg, unreclaimableSlab, reaped,
                complete, missing);
    }

    /**
     * Whether the log shows that a task was killed or chosen to be: a {@code Killed process}
     * line, or the victim named by {@code oom-kill:} or {@code Kill process}. A header whose
     * report never got that far is an OOM event but not a kill, and is not counted as one.
     */
    public boolean isKill() {
        return victimPid != null || victimComm != null;
    }

    /**
     * The same report, whatever each side knew of its completeness: an event read from a
     * snapshot written before {@code complete} existed equals the one parsed now.
     */
    public boolean sameReportAs(OomEvent o) {
        return o != null && equals(o.withMarks(complete, missing));
    }

    private OomEvent withMarks(Boolean c, List<String> m) {
        return new OomEvent(uptimeS, time, kind, constraint, triggerComm, gfpMask, order, victimPid, victimComm,
                totalVmKb, anonRssKb, fileRssKb, shmemRssKb, oomScoreAdj, oomMemcg, taskMemcg, unreclaimableSlab, reaped,
                c, m);
    }

    /**
     * One row of {@code Unreclaimable slab info:} ({@code name  used  total}, sizes in KB).
     *
     * @param name    cache name as printed (untrusted)
     * @param usedKb  memory in use by the cache, KB
     * @param totalKb memory held by the cache, KB
     */
    public record UnreclaimableSlab(String name, long usedKb, long totalKb) {}

    /**
     * The {@code oom_reaper: reaped process N (comm), now anon-rss:..} line for the victim.
     *
     * @param pid        reaped pid
     * @param comm       reaped comm
     * @param anonRssKb  anon-rss left, kB
     * @param fileRssKb  file-rss left, kB
     * @param shmemRssKb shmem-rss left, kB
     */
    public record Reaped(Long pid, String comm, Long anonRssKb, Long fileRssKb, Long shmemRssKb) {}
}
