package dev.kleaktop.model;

/**
 * The vmalloc areas of one caller, as /proc/vmallocinfo lists them, summed.
 *
 * @param caller   the function that made them ({@code alloc_thread_stack_node}, without its
 *                 offset), or a kind of area without a caller ({@code (unpurged)},
 *                 {@code (vm_map_ram)}, {@code (unknown)})
 * @param module   the module the caller is in, or null for the kernel itself
 * @param bytes    the areas' sizes as the kernel gives them (guard pages included where it counts them)
 * @param areas    how many areas
 * @param pages    pages the areas hold ({@code pages=}), where given
 */
public record VmallocCaller(String caller, String module, long bytes, int areas, long pages) {
    /** {@code caller [module]}, as shown. */
    public String name() { return module == null ? caller : caller + " [" + module + "]"; }
}
