package dev.kleaktop.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kleaktop.model.CacheAttrs;
import dev.kleaktop.testing.Trees;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlabSysfsTest {
    @TempDir
    Path dir;

    @Test
    void aliasesAndAttributesFromTheLabKernel() {
        Trees.labFinal(dir);
        SlabSysfs s = new SlabSysfs(new KernelFs(dir));
        s.scan();
        assertThat(s.available()).isTrue();
        CacheAttrs dentry = s.attrs("dentry");
        assertThat(dentry.reclaimable()).isTrue();
        assertThat(dentry.objectSize()).isEqualTo(192);
        assertThat(dentry.order()).isZero();
        assertThat(dentry.objsPerSlab()).isEqualTo(21);
        CacheAttrs leak = s.attrs("kleak_slab_obj");
        assertThat(leak.reclaimable()).isFalse();
        assertThat(leak.slabSize()).isEqualTo(520);
        assertThat(leak.order()).isEqualTo(1);
        assertThat(leak.aliases()).isEmpty();
        // Acpi-Namespace is a symlink to :0000048; every other name of that cache is an alias
        CacheAttrs acpi = s.attrs("Acpi-Namespace");
        assertThat(acpi.sysfsName()).isEqualTo(":0000048");
        assertThat(acpi.aliases()).contains(":0000048").doesNotContain("Acpi-Namespace");
        assertThat(acpi.objectSize()).isEqualTo(48);
        assertThat(s.attrs("no-such-cache")).isEqualTo(CacheAttrs.UNKNOWN);
    }

    @Test
    void reclaimAccountOfAMergedCacheFromItsName() {
        assertThat(SlabSysfs.reclaimFromId(":a-0000104")).isEqualTo(1L);
        assertThat(SlabSysfs.reclaimFromId(":aA-0000192")).isEqualTo(1L);
        assertThat(SlabSysfs.reclaimFromId(":dA-0000064")).isEqualTo(0L);
        assertThat(SlabSysfs.reclaimFromId(":A-0000256")).isEqualTo(0L);
        assertThat(SlabSysfs.reclaimFromId(":0000048")).isEqualTo(0L);
        // other names and shapes: the file is read
        for (String n : new String[] {"dentry", ":", ":-0000064", ":a-", ":x-0000064", ":a-00001x4", ":0000048:0xffff8800",
                ":a0000104", "kmalloc-64", ""}) {
            assertThat(SlabSysfs.reclaimFromId(n)).as(n).isNull();
        }
    }

    @Test
    void mergedCacheNamesAgreeWithTheirReclaimAccountFilesOnEveryTreeAtHand() throws Exception {
        // the lab kernel's tree, and this machine's own /sys/kernel/slab when it has one
        Trees.labFinal(dir);
        int checked = 0;
        for (Path slab : new Path[] {dir.resolve("sys/kernel/slab"), Path.of("/sys/kernel/slab")}) {
            if (!java.nio.file.Files.isDirectory(slab)) continue;
            try (var ds = java.nio.file.Files.newDirectoryStream(slab, ":*")) {
                for (Path d : ds) {
                    Path f = d.resolve("reclaim_account");
                    if (!java.nio.file.Files.isReadable(f)) continue;
                    long inFile = Long.parseLong(java.nio.file.Files.readString(f).trim().split("\\s+")[0]);
                    assertThat(SlabSysfs.reclaimFromId(d.getFileName().toString())).as(d.toString()).isEqualTo(inFile);
                    checked++;
                }
            }
        }
        assertThat(checked).as("merged caches checked").isPositive();
    }

    @Test
    void layoutIsReadWhenFirstAskedForThenNeverAgain() {
        Trees.labFinal(dir);
        Sampler sampler = new Sampler(new KernelFs(dir), java.time.Clock.systemUTC());
        sampler.sample();
        sampler.sample();
        CacheAttrs leak = sampler.attrs("kleak_slab_obj");
        assertThat(leak.reclaimable()).isFalse();
        // the start-up read and refreshes leave the five layout files alone
        assertThat(leak.layout().isRead()).isFalse();
        new Trees(dir).file("sys/kernel/slab/kleak_slab_obj/order", "4\n");
        assertThat(leak.order()).isEqualTo(4);
        assertThat(leak.layout().isRead()).isTrue();
        new Trees(dir).file("sys/kernel/slab/kleak_slab_obj/order", "2\n");
        assertThat(leak.order()).isEqualTo(4);
        assertThat(sampler.attrs("kleak_slab_obj").order()).isEqualTo(4);
        // a layout file that cannot be read is unknown, not an error
        new Trees(dir).file("sys/kernel/slab/dentry/object_size", "garbage\n");
        assertThat(sampler.attrs("dentry").objectSize()).isNull();
        assertThat(sampler.attrs("dentry").objsPerSlab()).isEqualTo(21);
    }

    @Test
    void theTwoThreadStartUpReadGivesWhatTheOneByOneReadGives() {
        Trees.labFinal(dir);
        for (KernelFs fs : java.util.List.of(new KernelFs(dir), KernelFs.live())) {
            if (!fs.isDirectory(KernelFs.SYS_SLAB)) continue;
            SlabSysfs both = new SlabSysfs(fs);
            both.scanAndReadAll();
            SlabSysfs plain = new SlabSysfs(fs);
            plain.scan();
            java.util.List<String> names;
            try {
                names = fs.list(KernelFs.SYS_SLAB);
            } catch (SourceException e) {
                throw new AssertionError(e);
            }
            assertThat(names).isNotEmpty();
            for (String n : names) {
                CacheAttrs a = both.attrs(n);
                CacheAttrs b = plain.attrs(n);
                assertThat(a.sysfsName()).as(n).isEqualTo(b.sysfsName());
                assertThat(a.aliases()).as(n).isEqualTo(b.aliases());
                assertThat(a.reclaimable()).as(n).isEqualTo(b.reclaimable());
            }
        }
    }

    @Test
    void aMissingSysfsIsAStateNotAnError() {
        new Trees(dir).file("proc/slabinfo", "slabinfo - version: 2.1\n");
        SlabSysfs s = new SlabSysfs(new KernelFs(dir));
        s.scan();
        assertThat(s.available()).isFalse();
        assertThat(s.reason()).isEqualTo("not found");
        assertThat(s.attrs("dentry")).isEqualTo(CacheAttrs.UNKNOWN);
    }

    @Test
    void attributesAreReadOncePerDirectoryAndNotEveryRefresh() throws Exception {
        Trees.labFinal(dir);
        Sampler sampler = new Sampler(new KernelFs(dir), java.time.Clock.systemUTC());
        sampler.sample();
        assertThat(sampler.attrs("dentry").reclaimable()).isTrue();
        // Change the attribute on disk: a later refresh must not re-read it.
        new Trees(dir).file("sys/kernel/slab/dentry/reclaim_account", "0\n");
        sampler.sample();
        assertThat(sampler.attrs("dentry").reclaimable()).isTrue();
    }

    @Test
    void aCacheFirstSeenLaterIsLearned() {
        Trees t = Trees.labFinal(dir);
        Sampler sampler = new Sampler(new KernelFs(dir), java.time.Clock.systemUTC());
        sampler.sample();
        t.file("sys/kernel/slab/late_cache/reclaim_account", "1\n");
        t.file("proc/slabinfo", dev.kleaktop.testing.Corpus.text("slabinfo/slabinfo.2-final.txt")
                + "late_cache            10     10    100   40    1 : tunables    0    0    0 : slabdata      1      1      0\n");
        sampler.sample();
        assertThat(sampler.attrs("late_cache").reclaimable()).isTrue();
    }
}
