package dev.kleaktop.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kleaktop.session.Collector;
import dev.kleaktop.source.KernelFs;
import dev.kleaktop.testing.Corpus;
import dev.kleaktop.testing.Trees;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The exporter's HTTP side under attack from loopback: slow clients, garbage, TLS, large
 * heads, content negotiation. Raw sockets, so that what is sent is exactly what the test
 * says; every wait is bounded and every socket is closed after.
 */
@Timeout(90)
class ExporterHttpTest {
    /** What Prometheus sends with PrometheusProto first in its scrape_protocols. */
    static final String PROTOBUF_FIRST = "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;"
            + "encoding=delimited;q=0.5,application/openmetrics-text;version=1.0.0;q=0.4,"
            + "text/plain;version=1.0.0;escaping=allow-utf-8;q=0.3,text/plain;version=0.0.4;q=0.2,*/*;q=0.1";

    @TempDir
    Path dir;

    final StringWriter errText = new StringWriter();
    final PrintWriter err = new PrintWriter(errText, true);
    Exporter exporter;
    int port;

    @BeforeEach
    void start() throws IOException {
        Path root = dir.resolve("root");
        new Trees(root).file("proc/slabinfo", Corpus.text("slabinfo/slabinfo.2-final.txt"))
                .file("proc/meminfo", Corpus.text("slabinfo/meminfo.2-final.txt"));
        exporter = new Exporter(new Exporter.Config(ExporterTest.ANY_LOOPBACK_PORT, null, 3600, null),
                ExporterTest.session(root), new MetricsMapper(Selection.all()), err);
        exporter.start();
        port = exporter.port();
    }

    @AfterEach
    void stop() {
        exporter.close();
    }

    /** One whole exchange: the request bytes, then everything until the server closes (10 s at most). */
    String exchange(String request) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static String scrapeRequest(String extraHeaders) {
        // Connection: close, so that the end of the answer is the end of the stream
        return "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + extraHeaders + "\r\n";
    }

    static String header(String response, String name) {
        for (String line : response.substring(0, response.indexOf("\r\n\r\n")).split("\r\n")) {
            int c = line.indexOf(':');
            if (c > 0 && line.substring(0, c).equalsIgnoreCase(name)) return line.substring(c + 1).trim();
        }
        return null;
    }

    static String body(String response) {
        return response.substring(response.indexOf("\r\n\r\n") + 4);
    }

    static long openFds() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    /** Waits (bounded) until the open descriptors are down to at most {@code target}; returns the last count. */
    static long awaitFds(long target, long timeoutMs) throws Exception {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        long n = openFds();
        while (n > target && System.nanoTime() < deadline) {
            Thread.sleep(50);
            n = openFds();
        }
        return n;
    }

    @Test
    void aScrapeIsAnsweredWhile500SlowConnectionsAreOpenAndTheirDescriptorsAreGivenBack() throws Exception {
        assertThat(exchange(scrapeRequest(""))).startsWith("HTTP/1.1 200");
        long baseline = openFds();
        List<SocketChannel> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 500; i++) {
                SocketChannel c = SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                slow.add(c);
                // a request head that never ends
                c.write(ByteBuffer.wrap("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII)));
            }
            String r = exchange(scrapeRequest(""));
            assertThat(r).startsWith("HTTP/1.1 200 OK");
            assertThat(body(r)).contains(MetricsMapper.SLAB_SIZE + "{cache=\"kleak_slab_obj\"} ");
            // the test's own 500 descriptors, and a bounded number on the server's side
            long during = openFds() - baseline - slow.size();
            assertThat(during).as("server-side descriptors with 500 slow clients").isLessThanOrEqualTo(
                    ServerLimits.DEFAULT.maxConnections() + 32);
        } finally {
            for (SocketChannel c : slow) c.close();
        }
        assertThat(awaitFds(baseline + 2, 10_000)).isLessThanOrEqualTo(baseline + 2);
        assertThat(exchange(scrapeRequest(""))).startsWith("HTTP/1.1 200 OK");
    }

    @Test
    void aRequestHeadTrickledByteByByteIsCutOffAtTheHeadTimeout() throws Exception {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
            s.setSoTimeout(100);
            byte[] head = scrapeRequest("X-Padding: " + "a".repeat(2000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            InputStream in = s.getInputStream();
            long deadline = System.nanoTime() + 20_000_000_000L;
            boolean closed = false;
            // one byte every 100 ms: the idle time never exceeds a second, the head never ends in 20 s
            for (int i = 0; i < head.length - 4 && !closed && System.nanoTime() < deadline; i++) {
                try {
                    s.getOutputStream().write(head[i]);
                    closed = in.read() < 0;
                } catch (SocketTimeoutException e) {
                    // nothing yet
                } catch (IOException e) {
                    closed = true;   // reset
                }
            }
            assertThat(closed).as("connection closed while the head was still trickling in").isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tls", "binary", "http2", "oversized"})
    void garbageTlsAndOversizedHeadsAreClosedWithoutAnAnswer(String what) throws Exception {
        byte[] bytes = switch (what) {
            // the start of a TLS 1.2/1.3 ClientHello record
            case "tls" -> new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xfc, 0x03, 0x03, 1, 2, 3, 4};
            case "binary" -> "\u0000\u0001\u0002SSH-2.0-OpenSSH\r\n".getBytes(StandardCharsets.ISO_8859_1);
            case "http2" -> "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
            default -> ("GET /metrics HTTP/1.1\r\nX-Big: " + "b".repeat(20_000)).getBytes(StandardCharsets.ISO_8859_1);
        };
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
            // well under the 5 s head timeout: closed for what it sent, not for being slow
            s.setSoTimeout(3_000);
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            try {
                s.getOutputStream().write(bytes);
                got.write(s.getInputStream().readAllBytes());
            } catch (SocketTimeoutException e) {
                throw new AssertionError("still open after 3 s; got " + got.size() + " bytes", e);
            } catch (IOException e) {
                // reset: closed as well
            }
            assertThat(got.toString(StandardCharsets.ISO_8859_1)).doesNotStartWith("HTTP/1.1 200");
        }
        assertThat(exchange(scrapeRequest(""))).startsWith("HTTP/1.1 200 OK");
    }

    @Test
    void protobufFirstInAcceptGetsATextFormat() throws Exception {
        String r = exchange(scrapeRequest("Accept: " + PROTOBUF_FIRST + "\r\n"));
        assertThat(r).startsWith("HTTP/1.1 200 OK");
        assertThat(header(r, "Content-Type")).isEqualTo("application/openmetrics-text; version=1.0.0; charset=utf-8");
        assertThat(body(r)).contains(MetricsMapper.SLAB_SIZE + "{cache=\"kleak_slab_obj\"} ").endsWith("# EOF\n");

        String only = exchange(scrapeRequest("Accept: application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited\r\n"));
        assertThat(only).startsWith("HTTP/1.1 200 OK");
        assertThat(header(only, "Content-Type")).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
        assertThat(Exposition.samples(body(only))).containsKey(MetricsMapper.SLAB_SIZE + "{cache=\"kleak_slab_obj\"}");
    }

    @Test
    void getHeadAndTheOtherPaths() throws Exception {
        String get = exchange(scrapeRequest(""));
        assertThat(header(get, "Content-Type")).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
        assertThat(Exposition.samples(body(get))).isEqualTo(Exposition.samples(exporter.latest()));
        assertThat(Integer.parseInt(header(get, "Content-Length"))).isEqualTo(body(get).getBytes(StandardCharsets.UTF_8).length);

        String head = exchange("HEAD /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertThat(head).startsWith("HTTP/1.1 200 OK").endsWith("\r\n\r\n");
        assertThat(header(head, "Content-Length")).isEqualTo(header(get, "Content-Length"));

        assertThat(exchange("GET /metrics?name[]=x HTTP/1.0\r\n\r\n")).startsWith("HTTP/1.1 200 OK");
        assertThat(exchange("GET /-/healthy HTTP/1.1\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 200 OK");
        assertThat(exchange("POST /metrics HTTP/1.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")).startsWith("HTTP/1.1 405");
    }
}
