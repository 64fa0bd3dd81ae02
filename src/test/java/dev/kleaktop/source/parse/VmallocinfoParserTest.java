package dev.kleaktop.source.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kleaktop.model.VmallocCaller;
import dev.kleaktop.testing.Corpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** /proc/vmallocinfo grouped by caller: on this VM's capture, on bad lines, and live with real threads. */
class VmallocinfoParserTest {
    @Test
    void thisVmsCaptureGroupsEveryAreaByItsCaller() {
        String text = Corpus.text("vm/vmallocinfo-6.18.txt");
        VmallocinfoParser.Result r = VmallocinfoParser.parse(text);
        assertThat(r.skipped()).isZero();
        long lines = text.lines().filter(l -> !l.isBlank()).count();
        long bytes = text.lines().filter(l -> !l.isBlank()).mapToLong(l -> Long.parseLong(l.trim().split("\\s+")[1])).sum();
        assertThat(r.callers().stream().mapToLong(VmallocCaller::areas).sum()).isEqualTo(lines);
        assertThat(r.callers().stream().mapToLong(VmallocCaller::bytes).sum()).isEqualTo(bytes);
        // thread stacks (VMAP_STACK): kernel_clone on 6.18, 16 KiB of pages and a guard page each
        VmallocCaller stacks = caller(r, "kernel_clone");
        assertThat(stacks.areas()).isPositive();
        assertThat(stacks.pages()).isEqualTo(4L * stacks.areas());
        assertThat(stacks.module()).isNull();
        assertThat(caller(r, "(unpurged)").areas()).isPositive();
        assertThat(caller(r, "acpi_os_map_iomem").pages()).isZero();  // ioremap: no pages of its own
        assertThat(r.callers().get(0).bytes()).isGreaterThanOrEqualTo(r.callers().get(1).bytes());
    }

    @Test
    void modulesAreNamedAndBadLinesCounted() {
        VmallocinfoParser.Result r = VmallocinfoParser.parse("""
                0xffffc90000a00000-0xffffc90000a05000   20480 kleak_vmalloc+0x1a/0x40 [kleak] pages=4 vmalloc N0=4
                0xffffc90000a05000-0xffffc90000a0a000   20480 kleak_vmalloc+0x1a/0x40 [kleak] pages=4 vmalloc N0=4
                0xffffc90000b00000-0xffffc90000b05000   20480 kleak_vmalloc+0x1a/0x40 pages=4 vmalloc N0=4
                0xffffc90000c00000-0xffffc90000c02000    8192 vm_map_ram
                garbage
                0xffffc90000d00000-0xffffc90000d02000 eight vmalloc
                """);
        assertThat(r.skipped()).isEqualTo(2);
        VmallocCaller mod = r.callers().stream().filter(c -> "kleak".equals(c.module())).findFirst().orElseThrow();
        assertThat(mod.name()).isEqualTo("kleak_vmalloc [kleak]");
        assertThat(mod.bytes()).isEqualTo(40960);
        assertThat(mod.areas()).isEqualTo(2);
        assertThat(mod.pages()).isEqualTo(8);
        assertThat(caller(r, "(vm_map_ram)").bytes()).isEqualTo(8192);
    }

    /**
     * The real test: a thousand sleeping threads, each with a vmalloc'ed kernel stack
     * (VMAP_STACK), grow the thread-stack caller; when they end it shrinks again.
     */
    @Test
    void aThousandSleepingThreadsGrowTheThreadStackCallerAndEndingThemShrinksIt() throws Exception {
        Path info = Path.of("/proc/vmallocinfo");
        assumeTrue(Files.isReadable(info) && Files.size(info) >= 0 && !Files.readString(info).isEmpty(),
                "needs a readable /proc/vmallocinfo (root)");
        String stacks = stackCaller();
        assumeTrue(stacks != null, "no thread-stack caller in /proc/vmallocinfo (a kernel without VMAP_STACK)");
        int before = areas(stacks);
        CountDownLatch started = new CountDownLatch(1000);
        CountDownLatch stop = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        try {
            for (int i = 0; i < 1000; i++) {
                Thread t = new Thread(null, () -> {
                    started.countDown();
                    try {
                        stop.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "vmalloc-test-" + i, 64 << 10);
                t.setDaemon(true);
                t.start();
                threads.add(t);
            }
            started.await();
            int during = areas(stacks);
            assertThat(during - before).as("%s areas: %d before, %d with 1000 threads", stacks, before, during)
                    .isGreaterThan(800);
        } finally {
            stop.countDown();
            for (Thread t : threads) t.join(10_000);
        }
        int after = areas(stacks);
        for (int i = 0; i < 100 && after - before > 200; i++) {
            Thread.sleep(100);
            after = areas(stacks);
        }
        assertThat(after - before).as("%s areas: %d before, %d after the threads ended", stacks, before, after)
                .isLessThan(200);
    }

    /** The caller of thread stacks on this kernel: the first of the known names present. */
    static String stackCaller() throws Exception {
        VmallocinfoParser.Result r = VmallocinfoParser.parse(Files.readString(Path.of("/proc/vmallocinfo")));
        for (String n : List.of("kernel_clone", "alloc_thread_stack_node", "copy_process", "dup_task_struct")) {
            if (r.callers().stream().anyMatch(c -> c.caller().equals(n))) return n;
        }
        return null;
    }

    static int areas(String caller) throws Exception {
        VmallocinfoParser.Result r = VmallocinfoParser.parse(Files.readString(Path.of("/proc/vmallocinfo")));
        return r.callers().stream().filter(c -> c.caller().equals(caller)).mapToInt(VmallocCaller::areas).sum();
    }

    static VmallocCaller caller(VmallocinfoParser.Result r, String name) {
        return r.callers().stream().filter(c -> c.caller().equals(name)).findFirst().orElseThrow();
    }
}
