package dev.kleaktop.source;

import dev.kleaktop.model.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SavedLogReaderTest {

    private static List<LogRecord> read(byte[] bytes) throws Exception {
        List<LogRecord> out = new ArrayList<>();
        SavedLogReader.read(new ByteArrayInputStream(bytes), out::add);
        return out;
    }

    @Test
    void badBytesAreReplacedNotFatal() throws Exception {
        byte[] b = "[ 1.0] caf\u00e9 ".getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.writeBytes(b);
        o.write(0xff);
        o.write(0xc3);   // truncated sequence
        o.writeBytes("\n[ 2.0] next\r\n".getBytes(StandardCharsets.US_ASCII));
        List<LogRecord> r = read(o.toByteArray());
        assertThat(r).hasSize(2);
        assertThat(r.get(0).text()).isEqualTo("café \ufffd\ufffd");
        assertThat(r.get(1).text()).isEqualTo("next");
    }

    @Test
    void kmsgCapturesNulSeparatedWithDictionaryLines() throws Exception {
        String s = "6,1,10,-;first\n SUBSYSTEM=acpi\n DEVICE=+acpi:X\n\0" + "6,2,20,-;second\n\0";
        List<LogRecord> r = read(s.getBytes(StandardCharsets.US_ASCII));
        assertThat(r).extracting(LogRecord::text).containsExactly("first", "second");
        // a saved dmesg's own indented lines are kept (they are not after a kmsg record)
        assertThat(read("[ 1.0] x\n SUBSYSTEM=y\n".getBytes(StandardCharsets.US_ASCII)))
                .extracting(LogRecord::text).containsExactly("x", " SUBSYSTEM=y");
    }

    @Test
    void longLinesAreCutAndLinesAcrossBufferBoundariesSurvive() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 30_000; i++) sb.append("[ ").append(i).append(".000001] é line ").append(i).append('\n');
        sb.append("x".repeat(SavedLogReader.MAX_LINE * 3)).append("\nlast");
        List<LogRecord> out = new ArrayList<>();
        SavedLogReader.Result res = SavedLogReader.read(
                new ByteArrayInputStream(sb.toString().getBytes(StandardCharsets.UTF_8)), out::add);
        assertThat(res.lines()).isEqualTo(30_002);
        assertThat(res.cutLines()).isEqualTo(1);
        for (int i = 0; i < 30_000; i++) {
            assertThat(out.get(i).text()).isEqualTo("é line " + i);
            assertThat(out.get(i).uptimeS()).isEqualTo(i + 0.000001);
        }
        assertThat(out.get(30_000).text()).hasSize(SavedLogReader.MAX_LINE);
        assertThat(out.get(30_001).text()).isEqualTo("last");
    }

    @Test
    void fileErrorsNameTheFile(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("nope.log");
        assertThatThrownBy(() -> SavedLogReader.read(missing, r -> { }))
                .isInstanceOf(SourceException.class)
                .satisfies(e -> {
                    SourceException s = (SourceException) e;
                    assertThat(s.path()).isEqualTo(missing.toString());
                    assertThat(s.reason()).isEqualTo("not found");
                });
        assertThatThrownBy(() -> SavedLogReader.read(dir, r -> { }))
                .isInstanceOf(SourceException.class).hasMessage("is a directory");
        Path ok = dir.resolve("ok.log");
        Files.writeString(ok, "[ 1.0] a\n[ 2.0] b");
        List<LogRecord> out = new ArrayList<>();
        assertThat(SavedLogReader.read(ok, out::add).records()).isEqualTo(2);
    }

    /**
     * Issue 14, item 10: a FIFO given as --dmesg-file or a saved kmemleak report waited in
     * open() for a writer forever, and /dev/zero was read forever; both are refused at once.
     */
    @Test
    void aFifoOrADeviceIsRefusedBeforeItIsOpened(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("log");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertThat(mk.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(10), () -> {
            assertThatThrownBy(() -> SavedLogReader.read(fifo, r -> { })).isInstanceOfSatisfying(SourceException.class,
                    e -> assertThat(e.path() + ": " + e.reason()).isEqualTo(fifo + ": not a regular file (a FIFO)"));
            assertThatThrownBy(() -> SavedLogReader.readLines(fifo, l -> { })).isInstanceOfSatisfying(SourceException.class,
                    e -> assertThat(e.reason()).isEqualTo("not a regular file (a FIFO)"));
            assertThatThrownBy(() -> SavedLogReader.read(Path.of("/dev/zero"), r -> { }))
                    .isInstanceOfSatisfying(SourceException.class,
                            e -> assertThat(e.reason()).isEqualTo("not a regular file (a character device)"));
        });
    }
}
