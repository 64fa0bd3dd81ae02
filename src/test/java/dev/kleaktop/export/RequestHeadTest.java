package dev.kleaktop.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kleaktop.export.DroppedConnections.Reason;
import dev.kleaktop.export.EncodedMetrics.Format;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The server's pure parts: the request head, content negotiation, the rate-limited report. */
class RequestHeadTest {
    static RequestHead parse(String s, boolean full) throws RequestHead.BadRequest {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        return RequestHead.parse(b, b.length, full);
    }

    @Test
    void aPrometheusScrapeHead() throws Exception {
        RequestHead h = parse("GET /metrics?x=1 HTTP/1.1\r\nHost: a\r\nAccept: text/plain;q=0.3\r\n"
                + "accept: application/openmetrics-text;q=0.4\r\nAccept-Encoding: gzip\r\n\r\n", false);
        assertThat(h).isEqualTo(new RequestHead("GET", "/metrics", "text/plain;q=0.3,application/openmetrics-text;q=0.4", "gzip"));
        assertThat(h.acceptsGzip()).isTrue();
        assertThat(parse("HEAD / HTTP/1.0\n\n", false).method()).isEqualTo("HEAD");
    }

    @Test
    void anIncompleteButPlausibleHeadWaitsForMore() throws Exception {
        assertThat(parse("", false)).isNull();
        assertThat(parse("GE", false)).isNull();
        assertThat(parse("GET /metrics HTTP/1.1\r\nHost: a\r\n", false)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "\u0016\u0003\u0001",                  // TLS ClientHello record
        "get /metrics HTTP/1.1",               // lower-case method
        "GET\u0000",                           // control byte
        "AVERYLONGMETHODNAMEX / HTTP/1.1",     // over 16 letters
        "PRI * HTTP/2.0\r\n\r\n",              // HTTP/2 preface
        "GET /metrics\r\n\r\n",                // HTTP/0.9
        "GET /metrics HTTP/1.1\r\nno colon\r\n\r\n",
    })
    void whatCannotBeHttp1IsRefusedAtOnce(String s) {
        assertThatThrownBy(() -> parse(s, false)).isInstanceOf(RequestHead.BadRequest.class);
    }

    @Test
    void aFullBufferWithoutTheEndIsTooLarge() {
        assertThatThrownBy(() -> parse("GET / HTTP/1.1\r\nX: " + "a".repeat(100), true))
                .isInstanceOfSatisfying(RequestHead.BadRequest.class, e -> assertThat(e.tooLarge).isTrue());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "|TEXT",
        "text/plain|TEXT",
        "*/*|TEXT",
        "application/json|TEXT",
        "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited|TEXT",
        "application/vnd.google.protobuf;q=0.5,application/openmetrics-text;version=1.0.0;q=0.4,text/plain;q=0.3|OPENMETRICS",
        "application/openmetrics-text;version=1.0.0;q=0.2,text/plain;version=0.0.4;q=0.9|TEXT",
        "application/openmetrics-text; version=0.0.1|OPENMETRICS",
        "application/openmetrics-text;q=0,text/plain;q=0.1|TEXT",
    })
    void negotiatesOverWhatIsOnOffer(String accept, Format expected) {
        assertThat(Format.choose(accept)).isEqualTo(expected);
    }

    @Test
    void gzipOnlyWhenAcceptedWithAPositiveQuality() {
        assertThat(new RequestHead("GET", "/", null, "identity, gzip;q=0").acceptsGzip()).isFalse();
        assertThat(new RequestHead("GET", "/", null, "deflate, GZIP;q=0.5").acceptsGzip()).isTrue();
        assertThat(new RequestHead("GET", "/", null, null).acceptsGzip()).isFalse();
    }

    @Test
    void droppedConnectionsAreToldOnceAMinuteAtMost() {
        StringWriter text = new StringWriter();
        DroppedConnections d = new DroppedConnections(new PrintWriter(text), ServerLimits.DEFAULT);
        long t = 1_000_000_000L;
        d.count(Reason.WENT_AWAY, t);
        for (int i = 0; i < 10_000; i++) d.count(i % 2 == 0 ? Reason.HEAD_TIMEOUT : Reason.NOT_HTTP, t + i * 1_000_000L);
        assertThat(text.toString().lines()).containsExactly(
                "kleaktop: export: closed 1 client connection: 1 went away before the answer was sent (told at most once a minute)");
        d.flush(t + DroppedConnections.PERIOD_NANOS);
        assertThat(text.toString().lines()).hasSize(2).last().isEqualTo("kleaktop: export: closed 10000 client connections in the"
                + " last minute: 5000 sent no complete request within 5 s, 5000 not HTTP/1 (TLS or other bytes) (told at most once a minute)");
        d.flush(t + 3 * DroppedConnections.PERIOD_NANOS);
        assertThat(text.toString().lines()).hasSize(2);
    }
}
