package dev.kleaktop.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The server's limits, made small so that each is reached quickly. */
@Timeout(60)
class MetricsServerTest {
    final StringWriter errText = new StringWriter();
    final AtomicReference<Throwable> fatal = new AtomicReference<>();
    MetricsServer server;

    @AfterEach
    void stop() {
        if (server != null) server.close();
        assertThat(fatal.get()).isNull();
    }

    /** {@code series} gauges of one metric: about 60 bytes of text each. */
    static MetricSnapshots gauges(int series) {
        GaugeSnapshot.Builder g = GaugeSnapshot.builder().name("test_gauge").help("a test gauge");
        for (int i = 0; i < series; i++) {
            g.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(Labels.of("n", "series_" + i)).value(i).build());
        }
        return MetricSnapshots.of(g.build());
    }

    MetricsServer start(ServerLimits limits, MetricSnapshots metrics) throws IOException {
        EncodedMetrics encoded = new EncodedMetrics(metrics);
        server = new MetricsServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), limits, () -> encoded,
                new PrintWriter(errText, true), fatal::set);
        return server;
    }

    Socket connect() throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()), 5_000);
        return s;
    }

    String scrape() throws IOException {
        try (Socket s = connect()) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void overTheCapTheOldestSilentConnectionMakesRoom() throws Exception {
        start(new ServerLimits(4, 8192, 30_000, 30_000, 2_000), gauges(3));
        List<Socket> silent = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) silent.add(connect());
            // all ten are past the cap of four: the scrape still gets in, as the newest
            assertThat(scrape()).startsWith("HTTP/1.1 200 OK").contains("test_gauge{n=\"series_2\"} 2.0");
            // the oldest were closed to make room: their reads end (EOF or reset) at once
            silent.get(0).setSoTimeout(5_000);
            int r;
            try {
                r = silent.get(0).getInputStream().read();
            } catch (IOException reset) {
                r = -1;
            }
            assertThat(r).isEqualTo(-1);
        } finally {
            for (Socket s : silent) s.close();
        }
        assertThat(errText.toString()).contains("oldest closed to admit new ones (limit 4 open)");
    }

    @Test
    void aClientThatDoesNotTakeItsAnswerIsDroppedAtTheWriteTimeout() throws Exception {
        // ~12 MB: more than the kernel's socket buffers on both sides can hold
        start(new ServerLimits(16, 8192, 5_000, 500, 2_000), gauges(200_000));
        int full = new EncodedMetrics(gauges(200_000)).body(EncodedMetrics.Format.TEXT, false).remaining();
        try (Socket s = new Socket()) {
            s.setReceiveBufferSize(4096);
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()), 5_000);
            s.getOutputStream().write("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            Thread.sleep(2_000);   // not reading: the server's write stalls, and its timeout passes
            s.setSoTimeout(10_000);
            long got = 0;
            InputStream in = s.getInputStream();
            byte[] buf = new byte[65536];
            try {
                for (int n; (n = in.read(buf)) > 0; ) got += n;
            } catch (IOException reset) {
                // closed with the answer unsent: a reset
            }
            assertThat(got).as("bytes received of %d", full).isLessThan(full);
        }
        assertThat(scrape()).startsWith("HTTP/1.1 200 OK");
        assertThat(errText.toString()).contains("did not take the answer within 500 ms");
    }
}
