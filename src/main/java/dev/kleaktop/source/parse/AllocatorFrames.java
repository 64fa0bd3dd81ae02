package dev.kleaktop.source.parse;

import java.util.List;
import java.util.Set;

/**
 * Which backtrace frames belong to the allocators or to kmemleak itself, so that a kmemleak
 * group can name the first frame that is the caller's code ({@code top_frame}).
 *
 * <p>Matching is on the function name with its {@code +0xoff/0xlen} offset and any compiler
 * suffix ({@code .isra.0}, {@code .constprop.0}, {@code .part.0}) removed. The tables are data:
 * extend them when a kernel grows a new allocator wrapper. Besides kmemleak, slab, page,
 * vmalloc and per-CPU allocators, the generic object allocators that only pass memory on
 * (mempools, skbs, bios, {@code sock_kmalloc}) are here too: the leak is in whoever asked
 * them, which is the frame worth showing.
 */
final class AllocatorFrames {
    /** Exact function names. */
    static final Set<String> EXACT = Set.of(
            "slab_post_alloc_hook", "slab_alloc", "slab_alloc_node", "__do_kmalloc_node",
            "kmemleak_vmalloc", "alloc_slab_page", "allocate_slab", "new_slab",
            "kmem_cache_zalloc", "kmalloc_trace", "pcpu_alloc", "__create_object", "create_object",
            "devm_kmalloc", "devm_kzalloc", "devm_kcalloc", "devm_kmalloc_array", "devm_krealloc",
            "alloc_large_system_hash", "memblock_alloc", "memblock_alloc_try_nid",
            "sock_kmalloc", "sock_kzalloc", "sock_kmemdup");

    /**
     * Name prefixes; each covers the family's variants ({@code _node}, {@code _noprof},
     * {@code _track_caller}, {@code _lru}, {@code _trace}...).
     */
    static final List<String> PREFIXES = List.of(
            "kmemleak_alloc", "create_object",
            "kmalloc", "__kmalloc", "___kmalloc", "kmem_cache_alloc", "__kmem_cache_alloc",
            "kzalloc", "kcalloc", "krealloc", "__krealloc", "kmalloc_array",
            "kvmalloc", "__kvmalloc", "kvzalloc", "kvcalloc", "kvrealloc", "kvmalloc_array",
            "vmalloc", "__vmalloc", "vzalloc", "vcalloc",
            "kmemdup", "kstrdup", "kstrndup", "memdup_user", "vmemdup_user",
            "__alloc_percpu", "alloc_percpu", "pcpu_",
            "alloc_pages", "__alloc_pages", "alloc_page", "__get_free_pages", "get_zeroed_page",
            "folio_alloc", "__folio_alloc",
            "___slab_alloc", "__slab_alloc", "slab_alloc",
            "mempool_alloc", "kmalloc_large", "__kmalloc_large", "kmalloc_node", "__kmalloc_node",
            "kmalloc_reserve", "kvmalloc_node", "__kvmalloc_node",
            "__alloc_skb", "alloc_skb", "__netdev_alloc_skb", "netdev_alloc_skb", "dev_alloc_skb",
            "__napi_alloc_skb", "napi_alloc_skb", "bio_alloc", "mempool_");

    private AllocatorFrames() {}

    /** True when {@code fn} (offset already removed) is an allocator or kmemleak internal. */
    static boolean isInternal(String fn) {
        int dot = fn.indexOf('.');
        String base = dot > 0 ? fn.substring(0, dot) : fn;
        if (EXACT.contains(base)) return true;
        for (String p : PREFIXES) {
            if (base.startsWith(p)) return true;
        }
        return false;
    }
}
