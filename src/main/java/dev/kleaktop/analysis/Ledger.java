package dev.kleaktop.analysis;

import dev.kleaktop.model.MemInfo;

/**
 * The kernel-memory ledger: MemTotal split into the parts /proc/meminfo accounts for, and
 * what is left over. Each line is a sum of meminfo fields (kB); a field the kernel does not
 * print (an older kernel) counts 0, and a line none of whose fields is there is unknown.
 *
 * <p><b>Unaccounted</b> = MemTotal − (MemFree + AnonPages + Cached + Buffers + SwapCached +
 * Slab + (KReclaimable − SReclaimable) + KernelStack + PageTables + SecPageTables +
 * VmallocUsed + Percpu + Hugetlb + Zswap + Balloon): pages the kernel took with
 * {@code alloc_pages()} and counts nowhere else (drivers, the classic page leak), plus
 * early reservations. Fields by kernel: SecPageTables since 6.0, Zswap since 5.19, Hugetlb
 * since 4.16, Percpu since 4.16, KReclaimable since 4.20; VmallocUsed counts vmalloc'ed pages
 * since 5.3 (it printed 0 from 4.1 to 5.2), and with VMAP_STACK the thread stacks are in both
 * KernelStack and VmallocUsed, so Unaccounted is low by KernelStack there.
 */
public enum Ledger {
    FREE("free", false, "MemFree"),
    USER("user (anon)", false, "AnonPages"),
    PAGE_CACHE("page cache", false, "Cached", "Buffers", "-Shmem"),
    SHMEM("shmem", false, "Shmem"),
    SWAP_CACHED("swap cache", false, "SwapCached"),
    SLAB_RECLAIMABLE("slab reclaimable", false, "SReclaimable"),
    SLAB_UNRECLAIMABLE("slab unreclaimable", true, "SUnreclaim"),
    KERNEL_RECLAIMABLE("other reclaimable", false, "KReclaimable", "-SReclaimable"),
    KERNEL_STACK("kernel stacks", true, "KernelStack"),
    PAGE_TABLES("page tables", true, "PageTables", "SecPageTables"),
    VMALLOC("vmalloc", true, "VmallocUsed"),
    PERCPU("percpu", true, "Percpu"),
    HUGETLB("hugetlb", false, "Hugetlb"),
    ZSWAP("zswap", true, "Zswap"),
    BALLOON("balloon", false, "Balloon"),
    UNACCOUNTED("unaccounted", true);

    private final String title;
    private final boolean kernel;
    private final String[] fields;

    Ledger(String title, boolean kernel, String... fields) {
        this.title = title;
        this.kernel = kernel;
        this.fields = fields;
    }

    /** Its name on the screen. */
    public String title() { return title; }

    /** The line's name in json ({@code unaccounted}, {@code page_cache}, ...). */
    public String field() { return name().toLowerCase(java.util.Locale.ROOT); }

    /**
     * Memory the kernel holds for itself and gives back only when its user frees it: the lines
     * whose sustained growth can be a leak. Free, user, cache and reclaimable lines never are.
     */
    public boolean kernel() { return kernel; }

    /** The meminfo fields it sums (a leading {@code -} subtracts), as the help and man page give them. */
    public String formula() {
        if (this == UNACCOUNTED) return "MemTotal minus every other line";
        StringBuilder b = new StringBuilder();
        for (String f : fields) {
            if (b.length() > 0) b.append(f.startsWith("-") ? " - " : " + ");
            b.append(f.startsWith("-") ? f.substring(1) : f);
        }
        return b.toString();
    }

    /** The line's kB in {@code mem}, or null when meminfo has none of its fields (or no MemTotal). */
    public Long kb(MemInfo mem) {
        if (this == UNACCOUNTED) {
            Long total = mem.memTotalKb();
            if (total == null) return null;
            long rest = total;
            for (Ledger l : values()) {
                if (l == UNACCOUNTED) continue;
                Long v = l.kb(mem);
                if (v != null) rest -= v;
            }
            return rest;
        }
        long sum = 0;
        boolean any = false;
        for (String f : fields) {
            boolean minus = f.startsWith("-");
            Long v = mem.kb(minus ? f.substring(1) : f);
            if (v == null) continue;
            if (!minus) any = true;
            sum += minus ? -v : v;
        }
        return any ? Math.max(0, sum) : null;
    }
}
