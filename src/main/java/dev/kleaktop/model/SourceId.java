package dev.kleaktop.model;

import java.util.Optional;

/**
 * The kernel sources kleaktop reads, under the names that {@code sources} (json, snapshots),
 * {@code kleaktop_source_up{source=...}} and messages use. The one place these names are
 * spelled; maps of source states stay keyed by the name, so a snapshot from a newer kleaktop
 * with a source this one does not know still loads.
 */
public enum SourceId {
    /** {@code /proc/slabinfo}. */
    SLABINFO("slabinfo"),
    /** {@code /proc/meminfo}. */
    MEMINFO("meminfo"),
    /** {@code /sys/kernel/slab}: cache attributes (reclaimable, aliases). */
    SYSFS_SLAB("sysfs_slab"),
    /** {@code /dev/kmsg}, the live kernel log (or a captured tree's copy). */
    KMSG("kmsg"),
    /** A saved kernel log: {@code --dmesg-file}, or one found in a captured tree. */
    DMESG_FILE("dmesg_file"),
    /** {@code /sys/kernel/debug/kmemleak}, or a saved report ({@code --kmemleak-file}). */
    KMEMLEAK("kmemleak");

    private final String id;

    SourceId(String id) {
        this.id = id;
    }

    /** The name on the wire: {@code slabinfo}, {@code sysfs_slab}, ... */
    public String id() { return id; }

    /** The source of a wire name, if kleaktop knows it. */
    public static Optional<SourceId> of(String id) {
        for (SourceId s : values()) {
            if (s.id.equals(id)) return Optional.of(s);
        }
        return Optional.empty();
    }

    @Override
    public String toString() { return id; }
}
