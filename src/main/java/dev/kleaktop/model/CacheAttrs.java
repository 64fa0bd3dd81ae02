package dev.kleaktop.model;

import java.util.List;

/**
 * What /sys/kernel/slab says about one cache, read once when the cache is first seen.
 * Any attribute the kernel does not expose (SLAB allocator, an older kernel, a captured
 * tree without /sys) is null.
 *
 * @param sysfsName      the directory the cache's name resolves to (e.g. {@code :0000064}),
 *                       or null when unknown
 * @param aliases        other names that are merged into the same cache, sorted
 * @param reclaimable    reclaim_account (SLAB_RECLAIM_ACCOUNT): the kernel may reclaim it
 * @param layout         object_size, slab_size, order, objs_per_slab, store_user: read when
 *                       first asked for (the details view), not at start
 */
public record CacheAttrs(String sysfsName, List<String> aliases, Boolean reclaimable, SlabLayout layout) {

    public CacheAttrs {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        if (layout == null) layout = SlabLayout.UNKNOWN;
    }

    /** Attributes without layout details (snapshots keep only these). */
    public CacheAttrs(String sysfsName, List<String> aliases, Boolean reclaimable) {
        this(sysfsName, aliases, reclaimable, SlabLayout.UNKNOWN);
    }

    public static final CacheAttrs UNKNOWN = new CacheAttrs(null, List.of(), null, SlabLayout.UNKNOWN);

    public boolean isReclaimable() { return Boolean.TRUE.equals(reclaimable); }

    public Long objectSize() { return layout.get().objectSize(); }

    public Long slabSize() { return layout.get().slabSize(); }

    public Integer order() { return layout.get().order(); }

    public Long objsPerSlab() { return layout.get().objsPerSlab(); }

    public Boolean storeUser() { return layout.get().storeUser(); }
}
