import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Generates the benchmark inputs from the real kernel output in the repository's corpus
 * (src/test/resources/corpus): a captured tree with many slab caches, a big kmemleak report
 * and a big kernel log with OOM reports. Deterministic (fixed seeds), so runs compare.
 *
 * <pre>
 * java bench/Gen.java tree     CORPUS OUT_DIR CACHES
 * java bench/Gen.java kmemleak CORPUS OUT_FILE RECORDS
 * java bench/Gen.java log      CORPUS OUT_FILE MIB
 * </pre>
 * Each prints one line describing what it wrote.
 */
public final class Gen {
    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("usage: Gen tree|kmemleak|log CORPUS OUT N");
            System.exit(2);
        }
        Path corpus = Path.of(args[1]);
        Path out = Path.of(args[2]);
        int n = Integer.parseInt(args[3]);
        switch (args[0]) {
            case "tree" -> tree(corpus, out, n);
            case "kmemleak" -> kmemleak(corpus, out, n);
            case "log" -> log(corpus, out, n);
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    // ---------------------------------------------------------------- captured tree

    /**
     * The lab's final /proc/slabinfo and /sys/kernel/slab, grown to {@code total} caches the
     * way pre-5.9 kernels with kmem accounting show them: one copy of each accounted cache per
     * memory cgroup, named {@code dentry(1234:session-3.scope)}, plus caches that repeat one
     * name (one per network namespace). Sysfs keeps the real directories, alias symlinks and
     * attribute files, and gains the per-memcg children under {@code NAME/cgroup/}.
     */
    static void tree(Path corpus, Path root, int total) throws IOException {
        Path slab = corpus.resolve("slabinfo");
        List<String> lines = Files.readAllLines(slab.resolve("slabinfo.2-final.txt"));
        List<String> head = lines.subList(0, 2);
        List<String[]> roots = new ArrayList<>();
        for (String l : lines.subList(2, lines.size())) {
            if (!l.isBlank()) roots.add(l.trim().split("\\s+"));
        }
        Random rnd = new Random(7);
        List<String> out = new ArrayList<>(head);
        for (String[] r : roots) out.add(line(r[0], r));
        // caches that share one name (conntrack per network namespace)
        String[] dupTemplate = find(roots, "kmalloc-256");
        int dups = 24;
        for (int i = 0; i < dups; i++) out.add(line("nf_conntrack", scale(dupTemplate, rnd)));
        // accounted caches get a copy per memory cgroup
        List<String[]> accounted = new ArrayList<>();
        for (String[] r : roots) {
            if (Long.parseLong(r[1]) > 0 && !r[0].startsWith(":")) accounted.add(r);
        }
        List<String> memcgChildren = new ArrayList<>();
        int cg = 0;
        while (out.size() - 2 < total) {
            int id = 1000 + cg * 7;
            String cgName = cgroupName(cg, rnd);
            for (String[] r : accounted) {
                if (out.size() - 2 >= total) break;
                if (rnd.nextInt(100) < 30) continue; // not every cache has objects in every group
                String name = r[0] + "(" + id + ":" + cgName + ")";
                out.add(line(name, scale(r, rnd)));
                memcgChildren.add(r[0] + "\t" + name);
            }
            cg++;
        }
        Files.createDirectories(root);
        write(root.resolve("proc/slabinfo"), String.join("\n", out) + "\n");
        write(root.resolve("proc/meminfo"), Files.readString(slab.resolve("meminfo.2-final.txt")));
        write(root.resolve("proc/uptime"), "86400.12 170000.00\n");
        write(root.resolve("proc/sys/kernel/hostname"), "bench-10k\n");
        write(root.resolve("proc/sys/kernel/osrelease"), "4.19.0-memcg-bench\n");
        write(root.resolve("proc/sys/kernel/random/boot_id"), "2f3c1a8e-0d5b-4a44-9a8e-6e1f2b3c4d5e\n");
        // sysfs: the lab's real listing and attributes
        Pattern link = Pattern.compile("^l\\S+\\s+.*\\s(\\S+) -> (\\S+)$");
        Pattern dir = Pattern.compile("^d\\S+\\s+.*\\s(\\S+)$");
        Path sys = root.resolve("sys/kernel/slab");
        Files.createDirectories(sys);
        Map<String, String> targetOf = new LinkedHashMap<>();
        for (String l : Files.readAllLines(slab.resolve("sys-kernel-slab-ls.txt"))) {
            Matcher m = link.matcher(l);
            if (m.matches()) {
                Path p = sys.resolve(m.group(1));
                if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) Files.createSymbolicLink(p, Path.of(m.group(2)));
                targetOf.put(m.group(1), m.group(2));
                continue;
            }
            m = dir.matcher(l);
            if (m.matches()) {
                Files.createDirectories(sys.resolve(m.group(1)));
                targetOf.put(m.group(1), m.group(1));
            }
        }
        for (String l : Files.readAllLines(slab.resolve("sys-kernel-slab.txt"))) {
            int slash = l.indexOf('/');
            int colon = l.indexOf(':', slash);
            if (slash <= 0 || colon < 0) continue;
            Path d = sys.resolve(l.substring(0, slash));
            if (!Files.isDirectory(d)) continue;
            write(d.resolve(l.substring(slash + 1, colon)), l.substring(colon + 1) + "\n");
        }
        for (String c : memcgChildren) {
            int tab = c.indexOf('\t');
            String dirName = targetOf.get(c.substring(0, tab));
            if (dirName == null) continue;
            Files.createDirectories(sys.resolve(dirName).resolve("cgroup").resolve(c.substring(tab + 1)));
        }
        System.out.printf(Locale.ROOT, "tree: %d caches (%d distinct roots, %d per-memcg in %d groups, %d sharing one name), %d sysfs entries%n",
                out.size() - 2, roots.size(), memcgChildren.size(), cg, dups, targetOf.size());
    }

    private static String[] find(List<String[]> roots, String name) {
        for (String[] r : roots) if (r[0].equals(name)) return r;
        return roots.get(0);
    }

    private static String cgroupName(int i, Random rnd) {
        return switch (i % 5) {
            case 0 -> "session-" + (i + 3) + ".scope";
            case 1 -> String.format(Locale.ROOT, "docker-%012x.scope", rnd.nextLong() & 0xffffffffffffL);
            case 2 -> "user@" + (1000 + i) + ".service";
            case 3 -> String.format(Locale.ROOT, "kubepods-burstable-pod%08x_%04x.slice", rnd.nextInt(), rnd.nextInt(0x10000));
            default -> "system-getty" + i + ".slice";
        };
    }

    /** A smaller copy of a cache line: fewer slabs, same geometry. */
    private static String[] scale(String[] r, Random rnd) {
        String[] s = r.clone();
        long perSlab = Math.max(1, Long.parseLong(r[4]));
        long slabs = 1 + rnd.nextInt(40);
        long num = slabs * perSlab;
        long active = Math.max(0, num - rnd.nextInt((int) Math.min(perSlab, Integer.MAX_VALUE)));
        s[1] = Long.toString(active);
        s[2] = Long.toString(num);
        // r: name active num objsize perslab pages : tunables a b c : slabdata as ns sa
        s[13] = Long.toString(slabs);
        s[14] = Long.toString(slabs);
        return s;
    }

    private static String line(String name, String[] r) {
        return String.format(Locale.ROOT, "%-17s %6s %6s %6s %4s %4s : tunables %4s %4s %4s : slabdata %6s %6s %6s",
                name, r[1], r[2], r[3], r[4], r[5], r[8], r[9], r[10], r[13], r[14], r[15]);
    }

    // ---------------------------------------------------------------- kmemleak

    private static final Pattern OBJECT = Pattern.compile("^unreferenced object 0x([0-9a-f]+) \\(size (\\d+)\\):");
    private static final Pattern COMM = Pattern.compile("^(\\s+comm \".*\", pid )(\\d+)(, jiffies )(\\d+)(.*)$");
    private static final Pattern CRC = Pattern.compile("^(\\s+backtrace \\(crc )[0-9a-f]+(\\):.*)$");
    private static final Pattern ADDR = Pattern.compile("\\[<([0-9a-f]+)>\\]");
    private static final Pattern SYM = Pattern.compile("([A-Za-z_][A-Za-z0-9_.]*)\\+0x([0-9a-f]+)/0x([0-9a-f]+)");

    /**
     * {@code n} records made from the real ones (the lab's report and every corpus report):
     * each keeps its template's layout (hashed or raw frame addresses, symbolized frames,
     * hex dumps or none, crc or not) and gets a new object address, pid, jiffies, frame
     * addresses and one frame renamed after one of 2,000 call sites, so the report has
     * thousands of distinct backtraces.
     */
    static void kmemleak(Path corpus, Path file, int n) throws IOException {
        List<List<String>> lab = records(Files.readAllLines(corpus.resolve("lab/run-memcg-v2/kmemleak.txt")));
        List<List<String>> others = new ArrayList<>();
        try (Stream<Path> s = Files.list(corpus.resolve("kmemleak"))) {
            for (Path p : s.sorted().toList()) others.addAll(records(Files.readAllLines(p)));
        }
        Random rnd = new Random(42);
        long bytes = 0;
        long jiffies = 4294893350L;
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder sb = new StringBuilder(4096);
            for (int i = 0; i < n; i++) {
                List<String> t = i % 10 == 0 ? others.get((i / 10) % others.size()) : lab.get(rnd.nextInt(lab.size()));
                int site = rnd.nextInt(2000);
                jiffies += rnd.nextInt(50);
                sb.setLength(0);
                boolean inTrace = false;
                int frame = 0;
                // stacks of every depth: many real leaks are a few frames deep
                int maxFrames = 3 + rnd.nextInt(6);
                for (String l : t) {
                    Matcher m;
                    if ((m = OBJECT.matcher(l)).find()) {
                        String addr = m.group(1);
                        String fresh = addr.length() > 8
                                ? addr.substring(0, addr.length() - 8) + hex(rnd.nextInt() & ~0x7, 8)
                                : hex(rnd.nextInt() & ~0x7, addr.length());
                        l = "unreferenced object 0x" + fresh + l.substring(m.group(0).indexOf(" (size"));
                    } else if ((m = COMM.matcher(l)).matches()) {
                        l = m.group(1) + (100 + rnd.nextInt(30000)) + m.group(3) + jiffies + m.group(5);
                    } else if ((m = CRC.matcher(l)).matches()) {
                        l = m.group(1) + hex(site * 0x9e3779b1, 8) + m.group(2);
                        inTrace = true;
                    } else if (l.trim().startsWith("backtrace")) {
                        inTrace = true;
                    } else if (inTrace) {
                        if (++frame > maxFrames) continue;
                        StringBuilder f = new StringBuilder();
                        Matcher a = ADDR.matcher(l);
                        int at = 0;
                        while (a.find()) {
                            String old = a.group(1);
                            f.append(l, at, a.start(1));
                            if (old.length() > 8) f.append(old, 0, old.length() - 8);
                            f.append(hex(rnd.nextInt(), Math.min(8, old.length())));
                            at = a.end(1);
                        }
                        f.append(l.substring(at));
                        l = f.toString();
                        if (frame == 3) {
                            Matcher s = SYM.matcher(l);
                            if (s.find()) l = l.substring(0, s.start(1)) + "leak_site_" + site + l.substring(s.end(1));
                        }
                    }
                    sb.append(l).append('\n');
                }
                w.append(sb);
                bytes += sb.length();
            }
        }
        System.out.printf(Locale.ROOT, "kmemleak: %d records from %d lab and %d corpus templates, %.1f MiB%n",
                n, lab.size(), others.size(), bytes / 1048576.0);
    }

    /** The records of a report or a log: from "unreferenced object" to the end of the backtrace. */
    private static List<List<String>> records(List<String> lines) {
        List<List<String>> out = new ArrayList<>();
        List<String> cur = null;
        for (String raw : lines) {
            String l = stripLogPrefix(raw);
            if (l.startsWith("unreferenced object ")) {
                cur = new ArrayList<>();
                out.add(cur);
                cur.add(l);
            } else if (cur != null && (l.startsWith(" ") && !l.isBlank())) {
                cur.add(l.stripTrailing());
            } else {
                cur = null;
            }
        }
        return out;
    }

    /** Drops a leading {@code [  12.345678]} (and a caller id) that some corpus files carry. */
    private static String stripLogPrefix(String l) {
        Matcher m = TS.matcher(l);
        return m.find() ? l.substring(m.end()) : l;
    }

    // ---------------------------------------------------------------- kernel log

    private static final Pattern TS = Pattern.compile("^.*?\\[\\s*\\d+\\.\\d+\\](\\[\\s*[TC]\\d+\\])? ?");

    /**
     * A dmesg-format log of about {@code mib} MiB: the lab's boot log and the corpus kmsg
     * records as noise, with every corpus OOM report that carries dmesg timestamps embedded
     * every few thousand lines, all re-stamped with rising timestamps.
     */
    static void log(Path corpus, Path file, int mib) throws IOException {
        List<String> noise = new ArrayList<>();
        for (String l : Files.readAllLines(corpus.resolve("lab/run-memcg-v2/dmesg.txt"))) {
            Matcher m = TS.matcher(l);
            if (m.find() && !l.contains("oom") && !l.contains("Killed process")) noise.add(l.substring(m.end()));
        }
        try (Stream<Path> s = Files.list(corpus.resolve("kmsg"))) {
            for (Path p : s.sorted().toList()) {
                for (String l : Files.readAllLines(p, StandardCharsets.ISO_8859_1)) {
                    int semi = l.indexOf(';');
                    if (semi > 0 && !l.startsWith(" ") && !l.contains("oom") && !l.contains("Killed process")) noise.add(l.substring(semi + 1));
                }
            }
        }
        List<List<String>> reports = new ArrayList<>();
        try (Stream<Path> s = Files.list(corpus.resolve("oom"))) {
            for (Path p : s.sorted().toList()) {
                List<String> r = new ArrayList<>();
                for (String l : Files.readAllLines(p, StandardCharsets.ISO_8859_1)) {
                    Matcher m = TS.matcher(l);
                    if (m.find()) r.add(l.substring(m.end()));
                }
                if (r.stream().anyMatch(l -> l.contains("invoked oom-killer"))) reports.add(r);
            }
        }
        List<String> lab = new ArrayList<>();
        boolean in = false;
        for (String l : Files.readAllLines(corpus.resolve("lab/run-memcg-v2/dmesg.txt"))) {
            Matcher m = TS.matcher(l);
            if (!m.find()) continue;
            String msg = l.substring(m.end());
            if (msg.contains("invoked oom-killer")) in = true;
            if (in) lab.add(msg);
            if (in && msg.contains("oom_reaper")) in = false;
        }
        if (!lab.isEmpty()) reports.add(lab);
        Random rnd = new Random(3);
        long limit = (long) mib * 1024 * 1024;
        long bytes = 0;
        long micros = 1_000_000;
        int embedded = 0;
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.ISO_8859_1)) {
            StringBuilder sb = new StringBuilder(256);
            while (bytes < limit) {
                int quiet = 2000 + rnd.nextInt(6000);
                for (int i = 0; i < quiet && bytes < limit; i++) {
                    micros += rnd.nextInt(20_000);
                    bytes += emit(w, sb, micros, noise.get(rnd.nextInt(noise.size())));
                }
                if (bytes >= limit) break;
                List<String> r = reports.get(embedded % reports.size());
                for (String l : r) {
                    micros += rnd.nextInt(30);
                    bytes += emit(w, sb, micros, l);
                }
                embedded++;
            }
        }
        System.out.printf(Locale.ROOT, "log: %.1f MiB, %d OOM reports embedded (%d distinct from the corpus), %d noise lines to draw from%n",
                bytes / 1048576.0, embedded, reports.size(), noise.size());
    }

    private static int emit(BufferedWriter w, StringBuilder sb, long micros, String msg) throws IOException {
        sb.setLength(0);
        sb.append('[');
        String sec = Long.toString(micros / 1_000_000);
        for (int i = sec.length(); i < 5; i++) sb.append(' ');
        sb.append(sec).append('.');
        String us = Long.toString(micros % 1_000_000);
        for (int i = us.length(); i < 6; i++) sb.append('0');
        sb.append(us).append("] ").append(msg).append('\n');
        w.append(sb);
        return sb.length();
    }

    // ---------------------------------------------------------------- helpers

    private static String hex(long v, int width) {
        String h = Long.toHexString(v & 0xffffffffL);
        if (h.length() > width) return h.substring(h.length() - width);
        StringBuilder sb = new StringBuilder(width);
        for (int i = h.length(); i < width; i++) sb.append('0');
        return sb.append(h).toString();
    }

    private static void write(Path p, String s) throws IOException {
        Files.createDirectories(p.getParent());
        Files.writeString(p, s, StandardCharsets.UTF_8);
    }
}
