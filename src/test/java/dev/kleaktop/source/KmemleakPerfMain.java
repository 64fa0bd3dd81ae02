package dev.kleaktop.source;

import dev.kleaktop.model.KmemleakReport;

import java.nio.file.Path;

/**
 * Run in a JVM of its own with a small heap by {@link KmemleakPerfTest}: reads the report
 * under a captured root the way the tool does and prints how long it took.
 */
public final class KmemleakPerfMain {
    private KmemleakPerfMain() {}

    public static void main(String[] args) throws Exception {
        KmemleakControl c = new KmemleakControl(new KernelFs(Path.of(args[0])), true, System::nanoTime);
        java.lang.management.ThreadMXBean tm = java.lang.management.ManagementFactory.getThreadMXBean();
        long c0 = tm.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        KmemleakReport r = c.report();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        long cpuMs = (tm.getCurrentThreadCpuTime() - c0) / 1_000_000;
        System.out.println("ms=" + ms + " cpuMs=" + cpuMs + " records=" + r.recordCount() + " kept=" + r.records().size()
                + " groups=" + r.groups().size() + " bytes=" + r.totalBytes()
                + " heapMiB=" + Runtime.getRuntime().maxMemory() / (1024 * 1024));
    }
}
