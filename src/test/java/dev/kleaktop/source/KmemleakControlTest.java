package dev.kleaktop.source;

import dev.kleaktop.model.KmemleakReport;
import dev.kleaktop.model.SourceState;
import dev.kleaktop.source.parse.Corpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KmemleakControlTest {

    private static KernelFs debugfs(Path root, String corpusReport) throws IOException {
        Path f = root.resolve(KernelFs.KMEMLEAK);
        Files.createDirectories(f.getParent());
        if (corpusReport == null) Files.createFile(f);
        else Files.copy(Corpus.path(corpusReport), f);
        return new KernelFs(root);
    }

    @Test
    void readsTheReportUnderTheRoot(@TempDir Path root) throws Exception {
        KernelFs fs = debugfs(root, "lab/run-memcg-v2/kmemleak.txt");
        KmemleakControl c = new KmemleakControl(fs, true, System::nanoTime);
        assertThat(c.state()).isEqualTo(SourceState.OK);
        KmemleakReport r = c.report();
        assertThat(r.recordCount()).isEqualTo(747);
        assertThat(r.groups().get(0).topFrame()).isEqualTo("kleak_leak_batch+0x1f/0x30 [kleak_slab]");
    }

    /** A fake kernel: the report file changes when "scan" is written, as the lab's did. */
    @Test
    void scanWritesTheCommandTimesItAndCountsNewSuspects(@TempDir Path root) throws Exception {
        KernelFs fs = debugfs(root, "lab/run-memcg-v2/kmemleak.scan1.txt");
        Path file = fs.resolve(KernelFs.KMEMLEAK);
        List<String> written = new ArrayList<>();
        AtomicLong now = new AtomicLong(1_000_000_000L);
        KmemleakControl.Io io = new KmemleakControl.Io() {
            @Override
            public InputStream open(String rel) throws SourceException { return fs.open(rel); }

            @Override
            public void write(String rel, String command) throws SourceException {
                written.add(command);
                now.addAndGet(910_000_000L);   // the lab's second scan took 0.91 s
                try {
                    Files.copy(Corpus.path("lab/run-memcg-v2/kmemleak.txt"), file,
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException e) {
                    throw fs.translate(rel, e);
                }
            }
        };
        KmemleakControl c = new KmemleakControl(fs, false, now::get, io, 100);
        KmemleakControl.ScanResult s = c.scan();
        assertThat(written).containsExactly("scan");
        assertThat(s.duration()).isEqualTo(Duration.ofMillis(910));
        assertThat(s.suspectsBefore()).isEqualTo(5);
        assertThat(s.suspectsAfter()).isEqualTo(747);
        assertThat(s.newSuspects()).isEqualTo(742);   // the kernel logged "742 new suspected memory leaks"
        assertThat(s.report().records()).hasSize(100);
        assertThat(s.report().recordCount()).isEqualTo(747);
    }

    @Test
    void realWritesGoToTheFile(@TempDir Path root) throws Exception {
        KernelFs fs = debugfs(root, null);
        KmemleakControl c = new KmemleakControl(fs, false, System::nanoTime);
        c.clear();
        assertThat(Files.readString(fs.resolve(KernelFs.KMEMLEAK))).isEqualTo("clear");
        Files.writeString(fs.resolve(KernelFs.KMEMLEAK), "");
        KmemleakControl.ScanResult s = c.scan();
        assertThat(Files.readString(fs.resolve(KernelFs.KMEMLEAK))).isEqualTo("scan");
        assertThat(s.suspectsAfter()).isZero();
    }

    @Test
    void readOnlyRefusesBeforeTouchingTheKernel(@TempDir Path root) throws Exception {
        KernelFs fs = debugfs(root, null);
        KmemleakControl c = new KmemleakControl(fs, true, System::nanoTime);
        assertThatThrownBy(c::scan).isInstanceOf(SourceException.class).hasMessageContaining("--read-only");
        assertThatThrownBy(c::clear).isInstanceOf(SourceException.class).hasMessageContaining("--read-only");
        assertThat(Files.readString(fs.resolve(KernelFs.KMEMLEAK))).isEmpty();
    }

    private static KmemleakControl.Io failing(KernelFs fs, String readReason, String writeReason) {
        return new KmemleakControl.Io() {
            @Override
            public InputStream open(String rel) throws SourceException {
                if (readReason == null) return fs.open(rel);
                throw fs.translate(rel, new FileSystemException(fs.display(rel), null, readReason));
            }

            @Override
            public void write(String rel, String command) throws SourceException {
                throw fs.translate(rel, writeReason.equals("EACCES")
                        ? new java.nio.file.AccessDeniedException(fs.display(rel))
                        : new FileSystemException(fs.display(rel), null, writeReason));
            }
        };
    }

    @Test
    void epermOnWriteMeansKmemleakIsDisabled(@TempDir Path root) throws Exception {
        KernelFs fs = debugfs(root, null);
        KmemleakControl c = new KmemleakControl(fs, false, System::nanoTime,
                failing(fs, null, "Operation not permitted"), 10);
        assertThatThrownBy(c::scan).isInstanceOf(SourceException.class)
                .hasMessage("kmemleak is disabled (an internal error or kmemleak=off)");
        assertThatThrownBy(c::clear).isInstanceOf(SourceException.class)
                .hasMessage("kmemleak is disabled (an internal error or kmemleak=off)");
    }

    @Test
    void ebusyOrEpermOnReadMeansDisabledToo(@TempDir Path root) throws Exception {
        KernelFs fs = debugfs(root, null);
        for (String reason : List.of("Device or resource busy", "Operation not permitted")) {
            KmemleakControl c = new KmemleakControl(fs, false, System::nanoTime, failing(fs, reason, "x"), 10);
            assertThatThrownBy(c::report).isInstanceOf(SourceException.class)
                    .satisfies(e -> assertThat(((SourceException) e).fix()).contains("kmemleak=on"))
                    .hasMessage(KmemleakControl.DISABLED);
        }
    }

    @Test
    void notRootOnWrite(@TempDir Path root) throws Exception {
        KernelFs fs = debugfs(root, null);
        KmemleakControl c = new KmemleakControl(fs, false, System::nanoTime, failing(fs, null, "EACCES"), 10);
        assertThatThrownBy(c::clear).isInstanceOf(SourceException.class).hasMessage("permission denied (needs root)");
    }

    @Test
    void debugfsStates(@TempDir Path root) throws Exception {
        KernelFs fs = new KernelFs(root);
        // a captured tree without sys/kernel/debug: nothing to mount, it was not captured
        assertThat(new KmemleakControl(fs, true, System::nanoTime).state())
                .isEqualTo(SourceState.unavailable("not in the captured tree", ""));
        // an empty sys/kernel/debug: debugfs was not mounted where the tree comes from
        Files.createDirectories(root.resolve(KernelFs.DEBUGFS));
        assertThat(new KmemleakControl(fs, true, System::nanoTime).state().describe())
                .isEqualTo("debugfs not mounted (mount -t debugfs none /sys/kernel/debug)");
        Files.createDirectories(root.resolve(KernelFs.DEBUGFS).resolve("tracing"));
        KmemleakControl c = new KmemleakControl(fs, true, System::nanoTime);
        assertThat(c.state()).isEqualTo(SourceState.unavailable("kernel built without CONFIG_DEBUG_KMEMLEAK",
                "boot a kernel with CONFIG_DEBUG_KMEMLEAK=y"));
        // reading then explains the same way instead of "not found"
        assertThatThrownBy(c::report).isInstanceOf(SourceException.class)
                .hasMessage("kernel built without CONFIG_DEBUG_KMEMLEAK");
        Files.delete(root.resolve(KernelFs.DEBUGFS).resolve("tracing"));
        assertThatThrownBy(c::report).isInstanceOf(SourceException.class).hasMessage("debugfs not mounted");
    }

    @Test
    void addressKeys() {
        assertThat(KmemleakControl.addressKey("0xffff888111f61890")).isEqualTo(0xffff888111f61890L);
        assertThat(KmemleakControl.addressKey("0xc625e000")).isEqualTo(0xc625e000L);
        assertThat(KmemleakControl.addressKey("junk")).isEqualTo(KmemleakControl.addressKey("junk"));
        assertThat(KmemleakControl.addressKey(null)).isNotNull();
    }
}
