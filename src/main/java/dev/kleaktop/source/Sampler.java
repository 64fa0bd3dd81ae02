package dev.kleaktop.source;

import dev.kleaktop.model.SourceId;
import dev.kleaktop.model.CacheAttrs;
import dev.kleaktop.model.Identity;
import dev.kleaktop.model.MemInfo;
import dev.kleaktop.model.Sample;
import dev.kleaktop.model.SlabCache;
import dev.kleaktop.model.SlabInfo;
import dev.kleaktop.model.SourceState;
import dev.kleaktop.source.parse.MeminfoParser;
import dev.kleaktop.source.parse.ParseException;
import dev.kleaktop.source.parse.SlabinfoBytes;
import dev.kleaktop.source.parse.UptimeParser;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Takes samples: one read of /proc/slabinfo and /proc/meminfo per refresh, timestamped by
 * the injected clock. Sysfs attributes are read at start and then only for names it has
 * not seen before (kept in {@link #attrs}).
 */
public final class Sampler {
    /** In a captured tree only: when it was captured, ISO-8601 ({@code date -u +%Y-%m-%dT%H:%M:%SZ}). */
    static final String CAPTURED_AT = "captured_at";

    private final KernelFs fs;
    private final Clock clock;
    private SlabSysfs sysfs;
    /** The start-up read of sysfs, running on a thread of its own; null when not started. */
    private FutureTask<SlabSysfs> early;
    /** What {@link #early} fills in: the first sample helps it rather than wait idle. */
    private SlabSysfs earlySysfs;
    private final Map<String, CacheAttrs> attrs = new HashMap<>();
    /** Kept across refreshes: the file is read into the same buffer and names are kept. */
    private final KernelFs.Buffer slabBuffer = new KernelFs.Buffer(64 * 1024);
    private final SlabinfoBytes slabParser = new SlabinfoBytes();
    private String[] lastNames = new String[0];
    private boolean sysfsScanned;

    public Sampler(KernelFs fs, Clock clock) {
        this.fs = fs;
        this.clock = clock;
        this.sysfs = new SlabSysfs(fs);
    }

    public KernelFs fs() { return fs; }

    /** The clock samples are timed with. */
    public Clock clock() { return clock; }

    /**
     * Starts the read of /sys/kernel/slab that the first sample needs (the listing and the
     * attributes of every cache: hundreds of small files) on a thread of its own, so that it
     * overlaps the rest of start-up instead of following it; the first sample takes the
     * result. Optional: without it the first sample reads sysfs itself.
     */
    public void startSysfsScan() {
        if (early != null || sysfsScanned) return;
        SlabSysfs s = new SlabSysfs(fs);
        earlySysfs = s;
        early = new FutureTask<>(() -> {
            s.scanAndReadAll();
            return s;
        });
        Thread t = new Thread(early, "kleaktop-sysfs");
        t.setDaemon(true);
        t.start();
    }

    /** The sysfs read started early, or a read now when it was not started or failed. */
    private void scanSysfs() {
        if (!sysfsScanned && early != null) {
            try {
                earlySysfs.help();
                sysfs = early.get();
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof FileRefusedException refused) throw refused;
                // read it here, as without the early start
            }
        }
        sysfs.scan();
    }

    /**
     * Reads host name, kernel release, boot id and page size, and for a captured tree when it
     * was captured ({@value #CAPTURED_AT}); unknown ones are null.
     */
    public Identity identity() {
        String host = fs.readLine(KernelFs.HOSTNAME).orElse(null);
        String kernel = fs.readLine(KernelFs.OSRELEASE).orElse(null);
        String bootId = fs.readLine(KernelFs.BOOT_ID).orElse(null);
        java.time.Instant captured = fs.isLive() ? null
                : fs.readLine(CAPTURED_AT).map(Sampler::instant).orElse(null);
        return new Identity(host, kernel, bootId, PageSize.of(fs), captured, fs.seriesName());
    }

    /** {@code 2026-11-26T02:33:56Z} (or with an offset, as {@code date -Iseconds} writes); null if not such a time. */
    static java.time.Instant instant(String s) {
        try {
            return java.time.OffsetDateTime.parse(s.strip()).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    /**
     * One sample of slabinfo, meminfo and uptime. A file that cannot be read becomes a source
     * state; only a file refused as over its limit or not a regular file (uptime, a sysfs
     * attribute: {@link FileRefusedException}) ends the sample, as the tree is broken.
     */
    public Sample sample() {
        Map<String, SourceState> states = new LinkedHashMap<>();
        SlabInfo slab = SlabInfo.empty();
        try {
            KernelFs.Buffer b = fs.read(KernelFs.SLABINFO, slabBuffer);
            slab = slabParser.parse(b.bytes(), b.length());
            states.put(SourceId.SLABINFO.id(), SourceState.OK);
        } catch (SourceException e) {
            states.put(SourceId.SLABINFO.id(), e.toState());
        } catch (ParseException e) {
            states.put(SourceId.SLABINFO.id(), SourceState.unavailable(
                    fs.display(KernelFs.SLABINFO) + ":" + e.line() + ": " + e.getMessage(), ""));
        }
        MemInfo mem = MemInfo.empty();
        try {
            mem = MeminfoParser.parse(fs.readText(KernelFs.MEMINFO));
            states.put(SourceId.MEMINFO.id(), SourceState.OK);
        } catch (SourceException e) {
            states.put(SourceId.MEMINFO.id(), e.toState());
        }
        Double uptime = fs.readLine(KernelFs.UPTIME).map(UptimeParser::parse).orElse(null);
        learnAttrs(slab);
        states.put(SourceId.SYSFS_SLAB.id(), sysfs.available() ? SourceState.OK
                : SourceState.unavailable(sysfs.reason().isEmpty() ? "not read" : sysfs.reason(), ""));
        return new Sample(clock.instant(), uptime, slab, mem, states);
    }

    /** Attributes of a cache by name, as learned when it was first seen. */
    public CacheAttrs attrs(String name) {
        return attrs.getOrDefault(name, CacheAttrs.UNKNOWN);
    }

    /** A read-only view of every name learned so far. */
    public Map<String, CacheAttrs> allAttrs() { return java.util.Collections.unmodifiableMap(attrs); }

    private void learnAttrs(SlabInfo slab) {
        boolean rescanned = false;
        List<SlabCache> caches = slab.caches();
        String[] names = new String[caches.size()];
        for (int i = 0; i < names.length; i++) {
            String name = caches.get(i).name();
            names[i] = name;
            // the very name at the same place last time is known (names are never forgotten)
            if (i < lastNames.length && lastNames[i] == name) continue;
            if (attrs.containsKey(name)) continue;
            if (!sysfsScanned || (!sysfs.knows(name) && !rescanned && sysfs.available())) {
                scanSysfs();
                sysfsScanned = true;
                rescanned = true;
            }
            CacheAttrs a = sysfs.attrs(name);
            // without sysfs (a series or a tree without it) the name says what it can
            attrs.put(name, a.reclaimable() == null && !sysfs.available() ? CacheAttrs.byName(name) : a);
        }
        lastNames = names;
    }
}
