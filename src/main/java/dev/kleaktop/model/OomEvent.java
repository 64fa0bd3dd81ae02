package dev.kleaktop.model;

import java.util.List;

/**
 * One OOM-killer kill, as reconstructed from the kernel log. Field names follow the SPEC's
 * {@code oom_events} objects (camelCase here, snake_case in JSON). Every value the log did not
 * show is null: a partial report (a pasted fragment, an old kernel) gives a partial event,
 * never invented zeros.
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
 *                          be a sacrificed child of the selected task)
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
        Reaped reaped) {

    public OomEvent {
        unreclaimableSlab = unreclaimableSlab == null ? List.of() : List.copyOf(unreclaimableSlab);
    }

    /** The same event with the given wall-clock time. */
    public OomEvent withTime(String wallTime) {
        return new OomEvent(uptimeS, wallTime, kind, constraint, triggerComm, gfpMask, order, victimPid, victimComm,
                totalVmKb, anonRssKb, fileRssKb, shmemRssKb, oomScoreAdj, oomMemcg, taskMemcg, unreclaimableSlab, reaped);
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
