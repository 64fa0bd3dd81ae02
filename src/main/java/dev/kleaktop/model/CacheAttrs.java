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
 */
public record CacheAttrs(
        String sysfsName,
        List<String> aliases,
        Boolean reclaimable,
        Long objectSize,
        Long slabSize,
        Integer order,
        Long objsPerSlab,
        Boolean storeUser) {

    public CacheAttrs {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
    }

    public static final CacheAttrs UNKNOWN = new CacheAttrs(null, List.of(), null, null, null, null, null, null);

    public boolean isReclaimable() { return Boolean.TRUE.equals(reclaimable); }
}
