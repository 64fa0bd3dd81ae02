package dev.kleaktop.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kleaktop.model.Sample;
import dev.kleaktop.model.SlabCache;
import dev.kleaktop.testing.TestClock;
import dev.kleaktop.testing.Trees;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading sysfs on its own thread from the start gives the attributes the first sample would read. */
class SamplerEarlySysfsTest {
    @TempDir
    Path dir;

    @Test
    void theEarlyReadGivesTheSameAttributesAndStates() {
        Trees.labFinal(dir);
        KernelFs fs = new KernelFs(dir);
        Sampler plain = new Sampler(fs, new TestClock());
        Sampler early = new Sampler(fs, new TestClock());
        early.startSysfsScan();
        Sample a = plain.sample();
        Sample b = early.sample();
        assertThat(b.sources()).isEqualTo(a.sources());
        assertThat(b.slab().caches()).isNotEmpty();
        for (SlabCache c : a.slab().caches()) {
            assertThat(early.attrs(c.name())).as(c.name()).isEqualTo(plain.attrs(c.name()));
        }
        assertThat(early.attrs("dentry").reclaimable()).isTrue();
        assertThat(early.attrs("kleak_slab_obj").reclaimable()).isFalse();
    }

    @Test
    void withoutSysfsTheEarlyReadLeavesTheSameUnavailableState() throws Exception {
        Trees.labFinal(dir);
        // no sys/kernel/slab in this tree
        try (var s = Files.walk(dir.resolve("sys"))) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        KernelFs fs = new KernelFs(dir);
        Sampler plain = new Sampler(fs, new TestClock());
        Sampler early = new Sampler(fs, new TestClock());
        early.startSysfsScan();
        assertThat(early.sample().sources()).isEqualTo(plain.sample().sources());
        assertThat(early.attrs("dentry")).isEqualTo(plain.attrs("dentry"));
    }
}
