package dev.kleaktop.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kleaktop.session.Snapshots;
import dev.kleaktop.model.CacheId;
import dev.kleaktop.model.Identity;
import dev.kleaktop.model.MemInfo;
import dev.kleaktop.model.Sample;
import dev.kleaktop.model.SlabCache;
import dev.kleaktop.model.SlabInfo;
import dev.kleaktop.model.Snapshot;
import dev.kleaktop.model.SourceState;
import dev.kleaktop.source.KernelFs;
import dev.kleaktop.testing.Corpus;
import dev.kleaktop.testing.TestClock;
import dev.kleaktop.testing.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotStoreTest {
    static final Instant T0 = Instant.parse("2026-11-26T01:45:12.123456789Z");

    @TempDir
    Path tmp;

    /** Writing the lab's /sys/kernel/slab takes a second: one tree serves the whole class. */
    @TempDir
    static Path shared;

    static Trees lab;

    @BeforeAll
    static void buildLabTree() {
        lab = Trees.labFinal(shared.resolve("tree"));
    }

    Snapshot labSnapshot() {
        return Snapshots.take(new KernelFs(lab.root()), new TestClock(T0));
    }

    @Test
    void roundTripOfACapturedTreeGivesEqualSamples() throws Exception {
        Snapshot s = labSnapshot();
        assertThat(s.sample().slab().caches()).hasSizeGreaterThan(100);
        assertThat(s.attrs("Acpi-Namespace").aliases()).contains(":0000048");
        Path p = new SnapshotStore().save(s, tmp.resolve("snaps"));
        Snapshot back = SnapshotStore.load(p);
        assertThat(back.sample()).isEqualTo(s.sample());
        assertThat(back.identity()).isEqualTo(s.identity());
        assertThat(back.attrs()).isEqualTo(s.attrs());
        assertThat(back).isEqualTo(s);
        assertThat(back.time()).isEqualTo(T0);
    }

    @Test
    void roundTripKeepsRepeatedNamesUnavailableSourcesAndRawParts() throws Exception {
        SlabCache a = new SlabCache(new CacheId("nf_conntrack", 0), 10, 20, 320, 51, 4, 0, 0, 0, 1, 1, 0);
        SlabCache b = new SlabCache(new CacheId("nf_conntrack", 1), 5, 51, 320, 51, 4, 120, 60, 8, 1, 2, 3);
        Map<String, SourceState> sources = new LinkedHashMap<>();
        sources.put("slabinfo", SourceState.OK);
        sources.put("meminfo", SourceState.unavailable("permission denied", "run as root"));
        Sample sample = new Sample(T0, null, new SlabInfo("2.1", List.of(a, b), true), MemInfo.empty(), sources);
        Snapshot s = new Snapshot(new Identity(null, "6.1.0", null, 16384), sample, Map.of(), null,
                "debugfs not mounted (mount -t debugfs none /sys/kernel/debug)", null, List.of());
        Path p = new SnapshotStore().write(s, tmp.resolve("x.json"), false);
        Snapshot back = SnapshotStore.load(p);
        assertThat(back).isEqualTo(s);
        assertThat(Files.readString(p)).contains("\"index\" : 1").contains("\"host\" : null");
    }

    @Test
    void roundTripKeepsKmemleakRecordsGroupsAndOomEventsFromRealLogs() throws Exception {
        Snapshot s = Fixtures.lab();
        assertThat(s.kmemleak().records()).hasSize(5);
        assertThat(s.kmemleak().groups()).isNotEmpty();
        assertThat(s.oomEvents()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(s.oomEvents()).anySatisfy(e -> assertThat(e.unreclaimableSlab()).isNotEmpty());
        assertThat(s.oomEvents()).anySatisfy(e -> assertThat(e.reaped()).isNotNull());
        Path p = new SnapshotStore().write(s, tmp.resolve("lab.json"), false);
        Snapshot back = SnapshotStore.load(p);
        assertThat(back.kmemleak()).isEqualTo(s.kmemleak());
        assertThat(back.oomEvents()).isEqualTo(s.oomEvents());
        assertThat(back).isEqualTo(s);
        String json = Files.readString(p);
        assertThat(json).contains("\"top_frame\" :", "\"sample_address\" :", "\"unreclaimable_slab\" :",
                "\"victim_comm\" :", "\"record_count\" : 5");
    }

    @Test
    void partialOomEventsKeepTheirMarksAndOlderSnapshotsWithoutThemStillLoad() throws Exception {
        // the VM's report as grep leaves it (the oom-kill: line), then its header alone
        String header = Corpus.text("oom/kleaktop-vm-6.18.44-memcg-v1-tail-full-report.log").lines().findFirst().orElseThrow();
        List<dev.kleaktop.model.OomEvent> events = new java.util.ArrayList<>(
                dev.kleaktop.source.parse.Corpus.oom("oom/kleaktop-vm-6.18.44-memcg-v1-tail-grep-oom-kill.log"));
        events.addAll(dev.kleaktop.source.parse.OomParser.parseAll(
                List.of(dev.kleaktop.source.parse.LogLineParser.parse(header))));
        assertThat(events).extracting(dev.kleaktop.model.OomEvent::complete).containsExactly(false, false);
        Snapshot lab = Fixtures.lab();
        Snapshot s = new Snapshot(lab.identity(), lab.sample(), lab.attrs(), lab.root(), lab.kmemleakStatus(),
                lab.kmemleak(), events);
        Path p = new SnapshotStore().write(s, tmp.resolve("partial.json"), false);
        Snapshot back = SnapshotStore.load(p);
        assertThat(back.oomEvents()).isEqualTo(events);
        assertThat(back.oomEvents().get(0).missing()).containsExactly("header", "killed_process");
        assertThat(back.oomEvents().get(1).missing()).containsExactly("killed_process");

        // a snapshot written before the fields existed: read, completeness not known
        String old = Files.readString(p).replaceAll(",\\s*\"complete\" : false", "")
                .replaceAll(",\\s*\"missing\" : \\[[^]]*\\]", "");
        assertThat(old).doesNotContain("\"complete\"").doesNotContain("\"missing\"");
        Path o = tmp.resolve("old.json");
        Files.writeString(o, old);
        Snapshot before = SnapshotStore.load(o);
        assertThat(before.oomEvents()).hasSize(2).allSatisfy(e -> {
            assertThat(e.complete()).isNull();
            assertThat(e.missing()).isNull();
        });
        assertThat(before.oomEvents().get(0).victimPid()).isEqualTo(7729L);
        // ...and it is the same report as the one parsed now, so a diff does not call it new
        assertThat(before.oomEvents().get(0).sameReportAs(events.get(0))).isTrue();
        assertThat(before.oomEvents().get(0).sameReportAs(events.get(1))).isFalse();
        // a mistyped mark is an error naming the field
        Files.writeString(o, Files.readString(p).replaceFirst("\"complete\" : false", "\"complete\" : \"no\""));
        assertThatThrownBy(() -> SnapshotStore.load(o)).hasMessageContaining("oom_events[0].complete");
    }

    @Test
    void groupTitlesAreSavedAndOlderSnapshotsWithoutThemStillLoad() throws Exception {
        Snapshot lab = Fixtures.lab();
        Snapshot s = new Snapshot(lab.identity(), lab.sample(), lab.attrs(), lab.root(), "ok",
                dev.kleaktop.source.parse.KmemleakParser.parse(Corpus.text("lab/run-memcg-v2/kmemleak.txt")),
                lab.oomEvents());
        assertThat(s.kmemleak().groups()).anySatisfy(g -> assertThat(g.title()).startsWith("memory leak in "));
        Path p = new SnapshotStore().write(s, tmp.resolve("titles.json"), false);
        assertThat(SnapshotStore.load(p).kmemleak()).isEqualTo(s.kmemleak());
        String old = Files.readString(p).replaceAll(",\\s*\"title\" : (null|\"[^\"]*\")", "");
        assertThat(old).doesNotContain("\"title\"");
        Path o = tmp.resolve("old-titles.json");
        Files.writeString(o, old);
        Snapshot before = SnapshotStore.load(o);
        assertThat(before.kmemleak().groups()).hasSameSizeAs(s.kmemleak().groups())
                .allSatisfy(g -> assertThat(g.title()).isNull());
        assertThat(before.kmemleak().groups()).extracting(dev.kleaktop.model.KmemleakGroup::key)
                .isEqualTo(s.kmemleak().groups().stream().map(dev.kleaktop.model.KmemleakGroup::key).toList());
    }

    /**
     * The snapshot writes events with the one mapping every output uses (EventFields); its
     * fields are pinned here, so changing that mapping is seen as a change of the file format
     * (bump its version and keep reading the old one).
     */
    @Test
    void theFilesEventFieldsArePinned() throws Exception {
        Snapshot lab = Fixtures.lab();
        Path p = new SnapshotStore().write(lab, tmp.resolve("pinned.json"), false);
        Map<String, Object> doc = com.fasterxml.jackson.jr.ob.JSON.std.mapFrom(Files.readString(p));
        @SuppressWarnings("unchecked")
        Map<String, Object> oom = (Map<String, Object>) ((List<Object>) doc.get("oom_events")).get(0);
        assertThat(oom.keySet()).containsExactly("uptime_s", "time", "kind", "constraint", "trigger_comm", "gfp_mask",
                "order", "victim_pid", "victim_comm", "total_vm_kb", "anon_rss_kb", "file_rss_kb", "shmem_rss_kb",
                "oom_score_adj", "oom_memcg", "task_memcg", "unreclaimable_slab", "reaped", "complete", "missing");
        @SuppressWarnings("unchecked")
        Map<String, Object> km = (Map<String, Object>) doc.get("kmemleak");
        @SuppressWarnings("unchecked")
        Map<String, Object> group = (Map<String, Object>) ((List<Object>) km.get("groups")).get(0);
        assertThat(group.keySet()).containsExactly("key", "count", "total_size", "top_frame", "title", "comms",
                "sample_address", "backtrace");
        @SuppressWarnings("unchecked")
        Map<String, Object> record = (Map<String, Object>) ((List<Object>) km.get("records")).get(0);
        assertThat(record.keySet()).containsExactly("address", "size", "kind", "comm", "pid", "jiffies", "age_s",
                "backtrace", "crc");
        assertThat(List.copyOf(oom.keySet())).isEqualTo(List.copyOf(EventFields.oom(lab.oomEvents().get(0)).keySet()));
    }

    @Test
    void savedFileIsPrivateAndTheDirectoryIsCreated0700() throws Exception {
        Path dir = tmp.resolve("state/kleaktop");
        Path p = new SnapshotStore().save(labSnapshot(), dir);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        assertThat(p.getFileName().toString()).isEqualTo("kleaktop-20261126T014512Z-kmemlab.json");
    }

    @Test
    void explicitFileIsPrivateEvenWithAPermissiveUmaskAndIsNeverOverwrittenWithoutForce() throws Exception {
        Snapshot s = labSnapshot();
        Path f = tmp.resolve("mine.json");
        Files.writeString(f, "precious");
        SnapshotStore store = new SnapshotStore();
        assertThatThrownBy(() -> store.write(s, f, false))
                .isInstanceOf(SnapshotException.class)
                .hasMessage(f + ": already exists (use --force to replace it)");
        assertThat(Files.readString(f)).isEqualTo("precious");
        assertThat(leftovers()).isEmpty();
        store.write(s, f, true);
        assertThat(SnapshotStore.load(f)).isEqualTo(s);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-------");
    }

    @Test
    void twoSavesInOneSecondGetDistinctNames() throws Exception {
        Snapshot s = labSnapshot();
        SnapshotStore store = new SnapshotStore();
        Path a = store.save(s, tmp.resolve("d"));
        Path b = store.save(s, tmp.resolve("d"));
        assertThat(a).isNotEqualTo(b);
        assertThat(b.getFileName().toString()).isEqualTo("kleaktop-20261126T014512Z-kmemlab-2.json");
        assertThat(SnapshotStore.load(b)).isEqualTo(s);
    }

    @Test
    void aWriteInterruptedBeforePublishingLeavesNothing() throws Exception {
        Snapshot s = labSnapshot();
        Path dir = tmp.resolve("d");
        Files.createDirectories(dir);
        Path[] seenTemp = new Path[1];
        SnapshotStore failing = new SnapshotStore(temp -> {
            seenTemp[0] = temp;
            // the temporary file is complete and private at this point
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(temp))).isEqualTo("rw-------");
            try {
                assertThat(SnapshotStore.load(temp)).isEqualTo(s);
            } catch (SnapshotException e) {
                throw new AssertionError(e);
            }
            throw new IOException("No space left on device");
        });
        assertThatThrownBy(() -> failing.save(s, dir))
                .isInstanceOf(SnapshotException.class)
                .hasMessageContaining("No space left on device");
        assertThat(seenTemp[0]).isNotNull();
        assertThat(seenTemp[0].getParent()).isEqualTo(dir);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
        Path f = dir.resolve("named.json");
        assertThatThrownBy(() -> failing.write(s, f, true)).isInstanceOf(SnapshotException.class);
        assertThat(f).doesNotExist();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void anInterruptedForcedWriteKeepsTheOldFileWhole() throws Exception {
        Snapshot s = labSnapshot();
        Path f = tmp.resolve("old.json");
        new SnapshotStore().write(s, f, false);
        byte[] before = Files.readAllBytes(f);
        SnapshotStore failing = new SnapshotStore(temp -> { throw new IOException("Input/output error"); });
        assertThatThrownBy(() -> failing.write(s, f, true)).isInstanceOf(SnapshotException.class);
        assertThat(Files.readAllBytes(f)).isEqualTo(before);
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aLaterSaveSweepsTempFilesLeftByAKilledWriterButNotARunningOnes() throws Exception {
        Snapshot s = labSnapshot();
        Path dir = tmp.resolve("swept");
        Files.createDirectories(dir);
        Path stale = Files.writeString(dir.resolve(".kleaktop-x.json.123456.tmp"), "half a snapshot");
        Path fresh = Files.writeString(dir.resolve(".kleaktop-y.json.654321.tmp"), "being written");
        Path other = Files.writeString(dir.resolve(".notes.tmp"), "not ours");
        java.time.Instant now = java.time.Instant.parse("2026-11-26T12:00:00Z");
        Files.setLastModifiedTime(stale, java.nio.file.attribute.FileTime.from(now.minus(java.time.Duration.ofHours(2))));
        Files.setLastModifiedTime(fresh, java.nio.file.attribute.FileTime.from(now.minusSeconds(5)));
        Files.setLastModifiedTime(other, java.nio.file.attribute.FileTime.from(now.minus(java.time.Duration.ofDays(2))));
        SnapshotStore store = new SnapshotStore(temp -> { }, java.time.Clock.fixed(now, java.time.ZoneOffset.UTC));
        Path p = store.save(s, dir);
        assertThat(p).exists();
        assertThat(stale).doesNotExist();
        assertThat(fresh).exists();
        assertThat(other).exists();
    }

    @Test
    void writingIntoAMissingOrUnwritableDirectoryIsAClearError() throws Exception {
        Snapshot s = labSnapshot();
        Path missing = tmp.resolve("nope/x.json");
        assertThatThrownBy(() -> new SnapshotStore().write(s, missing, false))
                .hasMessage(missing + ": directory " + missing.getParent() + " does not exist");
        Path file = tmp.resolve("plain");
        Files.writeString(file, "x");
        assertThatThrownBy(() -> new SnapshotStore().save(s, file)).hasMessage(file + ": not a directory");
    }

    @Test
    void listingIsNewestFirstWithHostAndTimeAndNamesBrokenFiles() throws Exception {
        Path dir = tmp.resolve("d");
        SnapshotStore store = new SnapshotStore();
        Trees t = lab;
        TestClock clock = new TestClock(T0);
        Path first = store.save(Snapshots.take(new KernelFs(t.root()), clock), dir);
        clock.advanceSeconds(3600);
        Path second = store.save(Snapshots.take(new KernelFs(t.root()), clock), dir);
        Files.writeString(dir.resolve("junk.json"), "{\"format\": \"other\"}");
        Files.writeString(dir.resolve(".kleaktop-x.json.123.tmp"), "partial");
        Files.writeString(dir.resolve("notes.txt"), "ignored");

        List<SnapshotDir.Listing> l = SnapshotDir.list(dir);
        assertThat(l).extracting(SnapshotDir.Listing::path).containsExactly(second, first, dir.resolve("junk.json"));
        assertThat(l.get(0).host()).isEqualTo("kmemlab");
        assertThat(l.get(0).kernel()).isEqualTo("6.1.192-kmemlab");
        assertThat(l.get(0).time()).isEqualTo(T0.plusSeconds(3600));
        assertThat(l.get(0).ok()).isTrue();
        assertThat(l.get(2).ok()).isFalse();
        assertThat(l.get(2).problem()).isEqualTo("not a kleaktop snapshot");
        assertThat(SnapshotDir.list(tmp.resolve("absent"))).isEmpty();
    }

    @Test
    void defaultDirectoryFollowsXdg() {
        Path home = Path.of("/home/op");
        assertThat(SnapshotStore.defaultDir(k -> null, home)).isEqualTo(Path.of("/home/op/.local/state/kleaktop"));
        assertThat(SnapshotStore.defaultDir(k -> k.equals("XDG_STATE_HOME") ? "/var/st" : null, home))
                .isEqualTo(Path.of("/var/st/kleaktop"));
        assertThat(SnapshotStore.defaultDir(k -> k.equals("XDG_STATE_HOME") ? "rel/st" : null, home))
                .isEqualTo(Path.of("/home/op/.local/state/kleaktop"));
    }

    @Test
    void defaultDirectoryTakesHomeFromTheEnvironmentNotThePasswordFile() {
        Path account = Path.of("/root");
        Map<String, String> env = Map.of("HOME", "/srv/ops");
        assertThat(SnapshotStore.defaultDir(env::get, account)).isEqualTo(Path.of("/srv/ops/.local/state/kleaktop"));
        Map<String, String> both = Map.of("HOME", "/srv/ops", "XDG_STATE_HOME", "/var/st");
        assertThat(SnapshotStore.defaultDir(both::get, account)).isEqualTo(Path.of("/var/st/kleaktop"));
        // unset, empty or relative HOME: the account's home, as a shell without HOME would have
        assertThat(SnapshotStore.defaultDir(Map.of("HOME", "")::get, account)).isEqualTo(Path.of("/root/.local/state/kleaktop"));
        assertThat(SnapshotStore.defaultDir(Map.of("HOME", "ops")::get, account)).isEqualTo(Path.of("/root/.local/state/kleaktop"));
    }

    @Test
    void hostNamesAreSafeInAFileName() {
        assertThat(SnapshotStore.safeHost("box1.example.com")).isEqualTo("box1.example.com");
        assertThat(SnapshotStore.safeHost("../../etc/x")).isEqualTo("_._.._etc_x");
        assertThat(SnapshotStore.safeHost("a b\u001b[2Jc/d")).isEqualTo("a_b__2Jc_d");
        assertThat(SnapshotStore.safeHost(null)).isEqualTo("unknown");
        assertThat(SnapshotStore.safeHost("x".repeat(300))).hasSize(64);
    }

    @Test
    void snapshotOfTheLabTreeKeepsTheCorpusNumbers() throws Exception {
        Snapshot s = labSnapshot();
        SlabCache leak = s.sample().slab().caches().stream()
                .filter(c -> c.name().equals("kleak_slab_obj")).findFirst().orElseThrow();
        assertThat(leak.activeObjs()).isEqualTo(675);
        assertThat(leak.numSlabs()).isEqualTo(45);
        String json = new String(SnapshotCodec.encode(s), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(json).startsWith("{\n  \"format\" : \"kleaktop-snapshot\",\n  \"version\" : 1,");
        assertThat(s.sample().mem().slabKb()).isEqualTo(
                dev.kleaktop.source.parse.MeminfoParser.parse(Corpus.text("slabinfo/meminfo.2-final.txt")).slabKb());
    }

    private List<Path> leftovers() throws IOException {
        try (Stream<Path> s = Files.walk(tmp)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        }
    }
}
