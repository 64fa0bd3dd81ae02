package dev.kleaktop.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelFsReadTest {
    @TempDir
    Path root;

    @Test
    void readsWholeFilesIntoAGrowingBuffer() throws Exception {
        Files.createDirectories(root.resolve("proc"));
        byte[] big = new byte[300 * 1024];
        for (int i = 0; i < big.length; i++) big[i] = (byte) ('a' + i % 26);
        Files.write(root.resolve(KernelFs.SLABINFO), big);
        Files.writeString(root.resolve(KernelFs.MEMINFO), "MemTotal: 1 kB\n");
        KernelFs fs = new KernelFs(root);
        KernelFs.Buffer b = fs.read(KernelFs.SLABINFO, new KernelFs.Buffer(16));
        assertThat(b.length()).isEqualTo(big.length);
        assertThat(java.util.Arrays.copyOf(b.bytes(), b.length())).isEqualTo(big);
        assertThat(fs.readText(KernelFs.MEMINFO)).isEqualTo("MemTotal: 1 kB\n");
        Files.write(root.resolve(KernelFs.SLABINFO), new byte[0]);
        assertThat(fs.read(KernelFs.SLABINFO, b).length()).isZero();
    }

    @Test
    void failuresAreNamedAsNioNamesThem() throws Exception {
        KernelFs fs = new KernelFs(root);
        assertThatThrownBy(() -> fs.readText(KernelFs.MEMINFO)).isInstanceOfSatisfying(SourceException.class,
                e -> assertThat(e.reason()).isEqualTo("not found"));
        Files.createDirectories(root.resolve(KernelFs.SLABINFO));
        assertThatThrownBy(() -> fs.read(KernelFs.SLABINFO, new KernelFs.Buffer())).isInstanceOfSatisfying(
                SourceException.class, e -> assertThat(e.reason()).isEqualTo("Is a directory"));
        Files.createDirectories(root.resolve("proc/x"));
        Files.writeString(root.resolve("proc/x/secret"), "1");
        if (!"root".equals(System.getProperty("user.name"))) {
            root.resolve("proc/x/secret").toFile().setReadable(false, false);
            assertThatThrownBy(() -> fs.readText("proc/x/secret")).isInstanceOfSatisfying(SourceException.class,
                    e -> assertThat(e.reason()).isEqualTo("permission denied"));
        }
    }
}
