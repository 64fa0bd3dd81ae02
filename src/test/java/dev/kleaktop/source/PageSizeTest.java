package dev.kleaktop.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PageSizeTest {
    private static byte[] auxv(int word, ByteOrder order, long... pairs) {
        ByteBuffer b = ByteBuffer.allocate(pairs.length * word).order(order);
        for (long v : pairs) {
            if (word == 8) b.putLong(v); else b.putInt((int) v);
        }
        return b.array();
    }

    @Test
    void findsAtPageszAmongOtherEntries() {
        byte[] b = auxv(8, ByteOrder.LITTLE_ENDIAN, 33, 0x7fff0000L, 16, 0xbfebfbffL, 6, 16384, 17, 100, 0, 0);
        assertThat(PageSize.fromAuxv(b, b.length, 8, ByteOrder.LITTLE_ENDIAN)).isEqualTo(16384);
    }

    @Test
    void readsBigEndianAndThirtyTwoBitVectors() {
        byte[] be = auxv(8, ByteOrder.BIG_ENDIAN, 6, 65536, 0, 0);
        assertThat(PageSize.fromAuxv(be, be.length, 8, ByteOrder.BIG_ENDIAN)).isEqualTo(65536);
        byte[] w4 = auxv(4, ByteOrder.LITTLE_ENDIAN, 3, 1234, 6, 4096, 0, 0);
        assertThat(PageSize.fromAuxv(w4, w4.length, 4, ByteOrder.LITTLE_ENDIAN)).isEqualTo(4096);
    }

    @Test
    void missingTruncatedOrImplausibleGivesTheDefault() {
        byte[] none = auxv(8, ByteOrder.LITTLE_ENDIAN, 33, 1, 0, 0, 6, 8192);
        assertThat(PageSize.fromAuxv(none, none.length, 8, ByteOrder.LITTLE_ENDIAN)).isEqualTo(PageSize.DEFAULT);
        byte[] cut = auxv(8, ByteOrder.LITTLE_ENDIAN, 6, 8192);
        assertThat(PageSize.fromAuxv(cut, cut.length - 1, 8, ByteOrder.LITTLE_ENDIAN)).isEqualTo(PageSize.DEFAULT);
        byte[] odd = auxv(8, ByteOrder.LITTLE_ENDIAN, 6, 5000, 0, 0);
        assertThat(PageSize.fromAuxv(odd, odd.length, 8, ByteOrder.LITTLE_ENDIAN)).isEqualTo(PageSize.DEFAULT);
        assertThat(PageSize.fromAuxv(new byte[0], 0, 8, ByteOrder.LITTLE_ENDIAN)).isEqualTo(PageSize.DEFAULT);
    }

    @Test
    void liveValueIsWhatTheJvmKnows() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/auxv")), "needs Linux /proc");
        Class<?> u = Class.forName("sun.misc.Unsafe");
        var f = u.getDeclaredField("theUnsafe");
        f.setAccessible(true);
        Method m = u.getMethod("pageSize");
        long jvm = ((Number) m.invoke(f.get(null))).longValue();
        assertThat(PageSize.of(KernelFs.live())).isEqualTo(jvm);
    }

    @Test
    void capturedTreeUsesWhatItRecordedElseFourKiB(@TempDir Path root) throws Exception {
        assertThat(PageSize.of(new KernelFs(root))).isEqualTo(4096);
        Files.writeString(root.resolve("page_size"), "65536\n");
        assertThat(PageSize.of(new KernelFs(root))).isEqualTo(65536);
    }
}
