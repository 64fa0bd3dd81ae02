package dev.kleaktop.testing;

import java.nio.file.Path;

/**
 * Two captured trees of one box an hour apart, with numbers chosen so every delta and rate
 * is known: OLD at uptime 1000 s, NEW at 4600 s (same boot unless told otherwise).
 *
 * <pre>
 * cache            OLD slabs  NEW slabs  pages/slab  delta bytes       active objs
 * leaky               125        250         1       +125 x 4096       1000 -> 2000
 * nf_conntrack          1          1         4        0                  51 -> 51
 * nf_conntrack#2        0          2         4       +8 x 4096            0 -> 102
 * dentry              100         50         1       -50 x 4096        2100 -> 1050
 * vanishing             1          -         1       -4096 (gone)        10 -> -
 * newcomer              -          1         1       +4096 (new)          - -> 64
 * </pre>
 * Meminfo: Slab 10000 -> 12048 kB, SUnreclaim 6000 -> 8000 kB, MemAvailable -10000 kB.
 */
public final class TwoTrees {
    public static final String BOOT = "5b0c0d2e-1111-4222-8333-944455556666";
    public static final String OTHER_BOOT = "0e9f0000-aaaa-4bbb-8ccc-ddddeeeeffff";
    static final String HEAD = "slabinfo - version: 2.1\n"
            + "# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab> : tunables <limit>"
            + " <batchcount> <sharedfactor> : slabdata <active_slabs> <num_slabs> <sharedavail>\n";

    private TwoTrees() {}

    public static String line(String name, long active, long objs, long objsize, long perSlab, long pages, long slabs) {
        return String.format("%-17s %6d %6d %6d %4d %4d : tunables    0    0    0 : slabdata %6d %6d      0%n",
                name, active, objs, objsize, perSlab, pages, slabs, slabs);
    }

    public static String meminfo(long slab, long sunreclaim, long avail) {
        return "MemTotal:        8000000 kB\nMemAvailable:    " + avail + " kB\nSlab:            " + slab
                + " kB\nSReclaimable:    " + (slab - sunreclaim) + " kB\nSUnreclaim:      " + sunreclaim + " kB\n";
    }

    public static Trees older(Path dir) {
        return new Trees(dir)
                .identity("box1", "6.18.44", BOOT)
                .file("proc/uptime", "1000.00 1900.00\n")
                .file("proc/slabinfo", HEAD
                        + line("leaky", 1000, 1000, 512, 8, 1, 125)
                        + line("nf_conntrack", 51, 51, 320, 51, 4, 1)
                        + line("nf_conntrack", 0, 0, 320, 51, 4, 0)
                        + line("dentry", 2100, 2100, 192, 21, 1, 100)
                        + line("vanishing", 10, 32, 128, 32, 1, 1))
                .file("proc/meminfo", meminfo(10_000, 6_000, 5_000_000))
                .symlink("sys/kernel/slab/dentry", ":a-0000192")
                .symlink("sys/kernel/slab/leaky", ":0000512")
                .symlink("sys/kernel/slab/kmalloc-512", ":0000512")
                .file("sys/kernel/slab/:0000512/reclaim_account", "0\n")
                .file("sys/kernel/slab/:a-0000192/reclaim_account", "1\n");
    }

    public static Trees newer(Path dir) {
        return newer(dir, "box1", "6.18.44", BOOT, "4600.00");
    }

    public static Trees newer(Path dir, String host, String kernel, String boot, String uptime) {
        return new Trees(dir)
                .identity(host, kernel, boot)
                .file("proc/uptime", uptime + " 9000.00\n")
                .file("proc/slabinfo", HEAD
                        + line("leaky", 2000, 2000, 512, 8, 1, 250)
                        + line("nf_conntrack", 51, 51, 320, 51, 4, 1)
                        + line("nf_conntrack", 102, 102, 320, 51, 4, 2)
                        + line("dentry", 1050, 1050, 192, 21, 1, 50)
                        + line("newcomer", 64, 64, 64, 64, 1, 1))
                .file("proc/meminfo", meminfo(12_048, 8_000, 4_990_000))
                .symlink("sys/kernel/slab/leaky", ":0000512")
                .symlink("sys/kernel/slab/kmalloc-512", ":0000512")
                .file("sys/kernel/slab/:0000512/reclaim_account", "0\n");
    }
}
