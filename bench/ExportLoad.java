import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load on a running {@code kleaktop export}, from loopback only, bounded in count and time;
 * run by bench/run.sh (java bench/ExportLoad.java ...). Reads the exporter's open files and
 * resident size from /proc/PID.
 *
 * <pre>
 * slowloris PORT PID N HOLD_S  N connections that send a request head and never end it (one
 *                              more header byte per connection every second), held HOLD_S
 *                              seconds; meanwhile 5 ordinary scrapes, one a second
 * load PORT PID PAR ROUNDS     PAR clients scraping ROUNDS times each, at once
 * </pre>
 * Prints one line of key=value figures (times in ms, sizes in MiB).
 */
public class ExportLoad {
    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[1]);
        long pid = Long.parseLong(args[2]);
        switch (args[0]) {
            case "slowloris" -> slowloris(port, pid, Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            case "load" -> load(port, pid, Integer.parseInt(args[3]), Integer.parseInt(args[4]));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    static long fds(long pid) throws IOException {
        try (var s = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            return s.count();
        }
    }

    static double rssMiB(long pid) throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (l.startsWith("VmRSS:")) return Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024.0;
        }
        return Double.NaN;
    }

    /** One scrape on a fresh connection: its milliseconds, or -1 for a failure or no answer within 10 s. */
    static double scrape(int port) {
        long t0 = System.nanoTime();
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(LOOPBACK, port), 10_000);
            s.setSoTimeout(10_000);
            s.getOutputStream().write("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            // read to the end, keeping only the status: 30 answers of 3 MB at once stay small here
            var in = s.getInputStream();
            byte[] buf = new byte[64 * 1024];
            byte[] status = new byte[12];
            int have = 0;
            for (int n; (n = in.read(buf)) > 0; ) {
                int take = Math.min(n, status.length - have);
                System.arraycopy(buf, 0, status, have, take);
                have += take;
            }
            if (!new String(status, 0, have, StandardCharsets.US_ASCII).equals("HTTP/1.1 200")) return -1;
            return (System.nanoTime() - t0) / 1e6;
        } catch (IOException e) {
            return -1;
        }
    }

    static String stats(List<Double> ms) {
        List<Double> ok = new ArrayList<>();
        for (double m : ms) if (m >= 0) ok.add(m);
        Collections.sort(ok);
        String med = ok.isEmpty() ? "-" : fmt(ok.get(ok.size() / 2));
        String max = ok.isEmpty() ? "-" : fmt(ok.get(ok.size() - 1));
        return "ok=" + ok.size() + "/" + ms.size() + " median_ms=" + med + " max_ms=" + max;
    }

    static String fmt(double d) { return String.format(Locale.ROOT, "%.1f", d); }

    /** How many of {@code conns} the server still holds open (a closed one reads end of stream or fails). */
    static int held(List<SocketChannel> conns) {
        int n = 0;
        ByteBuffer b = ByteBuffer.allocate(256);
        for (SocketChannel c : conns) {
            if (!c.isOpen()) continue;
            try {
                b.clear();
                if (c.read(b) >= 0) n++;
                else c.close();
            } catch (IOException e) {
                try {
                    c.close();
                } catch (IOException ignored) {
                    // gone already
                }
            }
        }
        return n;
    }

    static void slowloris(int port, long pid, int n, int holdS) throws Exception {
        List<Double> before = new ArrayList<>();
        for (int i = 0; i < 5; i++) before.add(scrape(port));
        long fds0 = fds(pid);
        double rss0 = rssMiB(pid);
        List<SocketChannel> conns = new ArrayList<>();
        long connectFailures = 0;
        for (int i = 0; i < n; i++) {
            try {
                SocketChannel c = SocketChannel.open();
                c.socket().connect(new InetSocketAddress(LOOPBACK, port), 2_000);
                c.write(ByteBuffer.wrap("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nX-a: ".getBytes(StandardCharsets.US_ASCII)));
                c.configureBlocking(false);
                conns.add(c);
            } catch (IOException e) {
                connectFailures++;
            }
        }
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong peakFds = new AtomicLong(fds(pid));
        double[] peakRss = {rssMiB(pid)};
        Thread trickle = new Thread(() -> {
            ByteBuffer one = ByteBuffer.allocate(1);
            while (!stop.get()) {
                for (SocketChannel c : conns) {
                    if (!c.isOpen()) continue;
                    try {
                        one.clear();
                        one.put((byte) 'a').flip();
                        c.write(one);
                    } catch (IOException e) {
                        try {
                            c.close();
                        } catch (IOException ignored) {
                            // gone
                        }
                    }
                }
                try {
                    peakFds.accumulateAndGet(fds(pid), Math::max);
                    synchronized (peakRss) {
                        peakRss[0] = Math.max(peakRss[0], rssMiB(pid));
                    }
                    Thread.sleep(1000);
                } catch (Exception e) {
                    return;
                }
            }
        });
        trickle.setDaemon(true);
        trickle.start();
        int heldAt1 = -1;
        List<Double> during = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            Thread.sleep(1000);
            synchronized (conns) {
                if (i == 0) heldAt1 = held(conns);
            }
            during.add(scrape(port));
        }
        long rest = holdS * 1000L - (System.nanoTime() - t0) / 1_000_000;
        if (rest > 0) Thread.sleep(rest);
        stop.set(true);
        trickle.join(5_000);
        int heldAtEnd = held(conns);
        long fdsDuring = fds(pid);
        double rssDuring = rssMiB(pid);
        for (SocketChannel c : conns) c.close();
        Thread.sleep(2_000);
        System.out.printf(Locale.ROOT, "slow_conns=%d connect_failures=%d held_after_1s=%d held_after_%ds=%d"
                        + " scrape_before %s scrape_during %s fds_before=%d fds_peak=%d fds_end=%d fds_after=%d"
                        + " rss_before=%.1f rss_peak=%.1f rss_end=%.1f rss_after=%.1f%n",
                n, connectFailures, heldAt1, holdS, heldAtEnd, stats(before).replace(' ', ','), stats(during).replace(' ', ','),
                fds0, Math.max(peakFds.get(), fdsDuring), fdsDuring, fds(pid), rss0, Math.max(peakRss[0], rssDuring), rssDuring,
                rssMiB(pid));
    }

    static void load(int port, long pid, int par, int rounds) throws Exception {
        double rss0 = rssMiB(pid);
        long fds0 = fds(pid);
        AtomicBoolean stop = new AtomicBoolean();
        double[] peak = {rss0};
        Thread sampler = new Thread(() -> {
            while (!stop.get()) {
                try {
                    double r = rssMiB(pid);
                    synchronized (peak) {
                        peak[0] = Math.max(peak[0], r);
                    }
                    Thread.sleep(50);
                } catch (Exception e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        ExecutorService pool = Executors.newFixedThreadPool(par, r -> {
            Thread t = new Thread(r);
            t.setDaemon(true);   // a failure in main ends the program
            return t;
        });
        List<Future<Double>> fs = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < par * rounds; i++) fs.add(pool.submit(() -> scrape(port)));
        List<Double> ms = new ArrayList<>();
        for (Future<Double> f : fs) ms.add(f.get(120, TimeUnit.SECONDS));
        double wall = (System.nanoTime() - t0) / 1e6;
        pool.shutdown();
        stop.set(true);
        sampler.join(2_000);
        double rssEnd = rssMiB(pid);
        Thread.sleep(3_000);
        System.out.printf(Locale.ROOT, "parallel=%d scrapes=%d %s wall_ms=%.0f fds_before=%d fds_after=%d"
                        + " rss_before=%.1f rss_peak=%.1f rss_end=%.1f rss_after_3s=%.1f%n",
                par, par * rounds, stats(ms), wall, fds0, fds(pid), rss0, peak[0], rssEnd, rssMiB(pid));
    }
}
