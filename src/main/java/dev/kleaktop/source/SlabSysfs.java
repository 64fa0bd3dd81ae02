package dev.kleaktop.source;

import dev.kleaktop.model.CacheAttrs;
import dev.kleaktop.model.SlabLayout;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads /sys/kernel/slab: which names are merged aliases of one cache (symlinks pointing at
 * the same directory) and reclaim_account, which the analysis needs. Reading it walks hundreds
 * of files, so it is done once at start and then only for a cache name not seen before;
 * never on every refresh. The layout attributes of a cache (for its details view) are read
 * when first asked for, once.
 */
public final class SlabSysfs {
    private final KernelFs fs;
    /** cache name -> directory it resolves to (itself when it is a directory). */
    private Map<String, String> targetOf = Map.of();
    /** directory -> every name that resolves to it, the directory included. */
    private Map<String, List<String>> namesOf = Map.of();
    private final Map<String, CacheAttrs> attrsByDir = new HashMap<>();
    private volatile Work work;
    private boolean available;
    private String reason = "";

    public SlabSysfs(KernelFs fs) {
        this.fs = fs;
    }

    /** Lists the directory and its symlinks. Cheap enough to redo when an unknown name appears. */
    public void scan() {
        List<String> entries = list();
        if (entries != null) links(entries);
    }

    /**
     * {@link #scan()} and {@link #readAll()} at once, for the start. Each name needs its link
     * read and, for a directory, its reclaim_account: about 200 readlinks and 235 small reads on
     * this box, each costly in a JVM just started. The names are shared out one at a time
     * between this thread, a second one, and any thread that calls {@link #help()} meanwhile
     * (the sampler's, once it has nothing else to do).
     */
    public void scanAndReadAll() {
        List<String> entries = list();
        if (entries == null) return;
        Work w = new Work(entries);
        work = w;
        Thread t = new Thread(w::run, "kleaktop-sysfs-2");
        t.setDaemon(true);
        t.start();
        w.run();
        try {
            w.remaining.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            work = null;
            scan();
            readAll();
            return;
        }
        work = null;
        // a file refused on the second thread (or a helper's) ends this read here, as it
        // would have on this thread, rather than as a stack trace on that one
        RuntimeException refused = w.refused.get();
        if (refused != null) throw refused;
        int n = entries.size();
        Map<String, String> tm = new HashMap<>(n * 2);
        Map<String, List<String>> nm = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            String name = entries.get(i);
            String dir = w.targets[i] != null ? w.targets[i] : name;
            tm.put(name, dir);
            nm.computeIfAbsent(dir, k -> new ArrayList<>()).add(name);
            if (w.targets[i] == null) attrsByDir.put(name, attrsOf(name, w.reclaims[i]));
        }
        targetOf = tm;
        namesOf = nm;
        // a link to a directory that was not listed (it vanished meanwhile): read it now
        for (String dir : nm.keySet()) attrsByDir.computeIfAbsent(dir, this::readDir);
    }

    /**
     * Takes a share of a {@link #scanAndReadAll()} under way on another thread, if any; returns
     * when no name is left to take (the owner then finishes).
     */
    public void help() {
        Work w = work;
        if (w != null) w.run();
    }

    /** The names of one start-up read, handed out one at a time to whichever thread asks. */
    private final class Work {
        final List<String> entries;
        final String[] targets;
        final Long[] reclaims;
        final java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        final java.util.concurrent.CountDownLatch remaining;
        /** The first file refused ({@link FileRefusedException}) on any thread, for the owner to throw. */
        final java.util.concurrent.atomic.AtomicReference<RuntimeException> refused =
                new java.util.concurrent.atomic.AtomicReference<>();

        Work(List<String> entries) {
            this.entries = entries;
            this.targets = new String[entries.size()];
            this.reclaims = new Long[entries.size()];
            this.remaining = new java.util.concurrent.CountDownLatch(entries.size());
        }

        void run() {
            int i;
            while ((i = next.getAndIncrement()) < entries.size()) {
                try {
                    String rel = KernelFs.SYS_SLAB + "/" + entries.get(i);
                    targets[i] = fs.linkTargetName(rel).orElse(null);
                    if (targets[i] == null) {
                        Long known = reclaimFromId(entries.get(i));
                        reclaims[i] = known != null ? known : readLong(rel + "/reclaim_account");
                    }
                } catch (FileRefusedException e) {
                    refused.compareAndSet(null, e);
                } finally {
                    remaining.countDown();  // the latch's count-down publishes both array slots
                }
            }
        }
    }

    /** The names in the directory; null (and unavailable, with the reason) when it cannot be listed. */
    private List<String> list() {
        try {
            List<String> entries = fs.list(KernelFs.SYS_SLAB);
            available = true;
            reason = "";
            return entries;
        } catch (SourceException e) {
            available = false;
            reason = e.reason();
            targetOf = Map.of();
            namesOf = Map.of();
            return null;
        }
    }

    private void links(List<String> entries) {
        Map<String, String> t = new HashMap<>(entries.size() * 2);
        Map<String, List<String>> n = new TreeMap<>();
        for (String name : entries) {
            String rel = KernelFs.SYS_SLAB + "/" + name;
            String dir = fs.linkTargetName(rel).orElse(name);
            t.put(name, dir);
            n.computeIfAbsent(dir, k -> new ArrayList<>()).add(name);
        }
        targetOf = t;
        namesOf = n;
    }

    public boolean available() { return available; }

    /** Reads the attributes of every directory listed by the last scan (what attrs() would read). */
    public void readAll() {
        for (String dir : namesOf.keySet()) attrsByDir.computeIfAbsent(dir, this::readDir);
    }

    /** Why /sys/kernel/slab could not be listed, or empty. */
    public String reason() { return reason; }

    public boolean knows(String cacheName) { return targetOf.containsKey(cacheName); }

    /**
     * Attributes of the cache named {@code cacheName}: its aliases (the other names of the
     * same merged cache) and the attributes read from its directory, once per directory.
     */
    public CacheAttrs attrs(String cacheName) {
        String dir = targetOf.get(cacheName);
        if (dir == null) return CacheAttrs.UNKNOWN;
        CacheAttrs base = attrsByDir.computeIfAbsent(dir, this::readDir);
        List<String> names = namesOf.getOrDefault(dir, List.of());
        List<String> aliases = new ArrayList<>(names.size());
        for (String s : names) {
            if (!s.equals(cacheName)) aliases.add(s);
        }
        Collections.sort(aliases);
        return new CacheAttrs(dir, aliases, base.reclaimable(), base.layout());
    }

    /**
     * reclaim_account now (the leak rule and the R flag need it for every cache); the layout
     * (five more files) only when the details view first asks for it.
     */
    private CacheAttrs readDir(String dir) {
        Long known = reclaimFromId(dir);
        return attrsOf(dir, known != null ? known : readLong(KernelFs.SYS_SLAB + "/" + dir + "/reclaim_account"));
    }

    private CacheAttrs attrsOf(String dir, Long reclaim) {
        String base = KernelFs.SYS_SLAB + "/" + dir + "/";
        return new CacheAttrs(dir, List.of(), reclaim == null ? null : reclaim != 0,
                SlabLayout.lazy(() -> readLayout(base)));
    }

    private SlabLayout.Values readLayout(String base) {
        Long order = readLong(base + "order");
        Long storeUser = readLong(base + "store_user");
        return new SlabLayout.Values(readLong(base + "object_size"), readLong(base + "slab_size"),
                order == null ? null : order.intValue(), readLong(base + "objs_per_slab"),
                storeUser == null ? null : storeUser != 0);
    }

    private Long readLong(String rel) {
        return fs.readLine(rel).map(SlabSysfs::leadingNumber).orElse(null);
    }

    /**
     * reclaim_account of a merged cache's directory, from its name: SLUB names it
     * {@code :[flags-]size} ({@code :a-0000104}, {@code :0000064}), and the flag letter
     * {@code a} is SLAB_RECLAIM_ACCOUNT (the others, {@code d D F A}, and {@code r Z P U} of
     * the first kernels, are other flags). About 40% of the directories at start are such
     * names; null for any other name, whose file is read.
     */
    static Long reclaimFromId(String dir) {
        int n = dir.length();
        if (n < 2 || dir.charAt(0) != ':') return null;
        int dash = dir.indexOf('-');
        int digitsFrom = dash < 0 ? 1 : dash + 1;
        if (digitsFrom >= n) return null;
        for (int i = digitsFrom; i < n; i++) {
            char c = dir.charAt(i);
            if (c < '0' || c > '9') return null;
        }
        boolean reclaim = false;
        for (int i = 1; i < (dash < 0 ? 1 : dash); i++) {
            char c = dir.charAt(i);
            if ("dDFArZPU".indexOf(c) >= 0) continue;
            if (c != 'a') return null;
            reclaim = true;
        }
        if (dash == 1) return null; // ":-0000064": flags announced, none given
        return reclaim ? 1L : 0L;
    }

    /** sysfs values may carry extra text (e.g. {@code "1 N0=1"}); take the first number. */
    static Long leadingNumber(String s) {
        int i = 0;
        while (i < s.length() && Character.isDigit(s.charAt(i))) i++;
        if (i == 0) return null;
        try {
            return Long.parseLong(s.substring(0, i));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
