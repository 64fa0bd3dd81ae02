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

    /**
     * Caches mainline creates with SLAB_RECLAIM_ACCOUNT, by name: what /sys/kernel/slab said
     * on this project's VM (6.18) and in its lab (6.1). Names beyond these and
     * {@code kmalloc-rcl-*} are not guessed: {@code shmem_inode_cache}, for one, is not
     * reclaimable though its name looks like the others.
     */
    static final java.util.Set<String> RECLAIMABLE_BY_NAME = java.util.Set.of(
            "dentry", "inode_cache", "buffer_head", "radix_tree_node", "bdev_cache", "dax_cache",
            "jbd2_journal_head", "ext4_inode_cache", "extent_status", "mb_cache_entry", "xfs_inode", "xfs_ili",
            "xfs_buf", "btrfs_inode", "fuse_inode", "erofs_inode", "ovl_inode", "proc_inode_cache",
            "sock_inode_cache", "squashfs_inode_cache", "tracefs_inode_cache", "debugfs_inode_cache",
            "v9fs_inode_cache", "nfs_inode_cache", "dquot");

    /**
     * What a cache's name says when /sys/kernel/slab cannot (a captured series or tree without
     * it): reclaimable for the names of {@link #RECLAIMABLE_BY_NAME} and {@code kmalloc-rcl-*},
     * unknown otherwise.
     */
    public static CacheAttrs byName(String name) {
        return RECLAIMABLE_BY_NAME.contains(name) || name.startsWith("kmalloc-rcl-")
                ? new CacheAttrs(null, List.of(), Boolean.TRUE) : UNKNOWN;
    }

    public Long objectSize() { return layout.get().objectSize(); }

    public Long slabSize() { return layout.get().slabSize(); }

    public Integer order() { return layout.get().order(); }

    public Long objsPerSlab() { return layout.get().objsPerSlab(); }

    public Boolean storeUser() { return layout.get().storeUser(); }
}
