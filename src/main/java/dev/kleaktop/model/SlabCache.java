package dev.kleaktop.model;

/**
 * One line of /proc/slabinfo, as read. Counts are the kernel's; nothing is derived here
 * except the two products that define memory held ({@link #sizeBytes}) and memory in use
 * ({@link #activeBytes}), which saturate ({@link Sizes}). Tunables are zero on SLUB and real on SLAB.
 * Format 1.1 (Linux 2.4) prints neither objperslab nor sharedfactor/sharedavail: objperslab is
 * then num_objs / num_slabs where that divides exactly, else 0; limit and batchcount are those
 * of an SMP kernel (0 on a uniprocessor one, which had no per-CPU caches).
 */
public record SlabCache(
        CacheId id,
        long activeObjs,
        long numObjs,
        long objSize,
        long objPerSlab,
        long pagesPerSlab,
        long limit,
        long batchCount,
        long sharedFactor,
        long activeSlabs,
        long numSlabs,
        long sharedAvail) {

    public String name() { return id.name(); }

    /** Memory held by the cache: {@code num_slabs x pagesperslab x page_size}. */
    public long sizeBytes(long pageSize) { return Sizes.times(numSlabs, pagesPerSlab, pageSize); }

    /** Memory in live objects: {@code active_objs x objsize}. */
    public long activeBytes() { return Sizes.times(activeObjs, objSize); }

    /** Active objects as a percentage of all objects, 0 when the cache has none. */
    public int usePct() { return numObjs == 0 ? 0 : (int) Math.round(100.0 * activeObjs / numObjs); }
}
