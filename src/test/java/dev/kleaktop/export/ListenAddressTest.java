package dev.kleaktop.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ListenAddressTest {
    @ParameterizedTest
    @CsvSource({
        "':9899',           127.0.0.1, 9899",
        "'9100',            127.0.0.1, 9100",
        "'127.0.0.1:0',     127.0.0.1, 0",
        "'0.0.0.0:9899',    0.0.0.0,   9899",
        "'[::1]:9899',      0:0:0:0:0:0:0:1, 9899",
        "'[::]:65535',      0:0:0:0:0:0:0:0, 65535",
        "' 10.1.2.3:80 ',   10.1.2.3,  80",
    })
    void parses(String spec, String host, int port) {
        ListenAddress a = ListenAddress.parse(spec);
        assertThat(a.address().getHostAddress()).isEqualTo(host);
        assertThat(a.port()).isEqualTo(port);
    }

    @Test
    void defaultIsLoopbackOnTheDocumentedPort() {
        ListenAddress a = ListenAddress.defaultAddress();
        assertThat(a.address().isLoopbackAddress()).isTrue();
        assertThat(a.authority(a.port())).isEqualTo("127.0.0.1:9899");
        assertThat(ListenAddress.parse("[::1]:1").authority(1234)).isEqualTo("[0:0:0:0:0:0:0:1]:1234");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", ":", "127.0.0.1:", "127.0.0.1:65536", "127.0.0.1:-1", "127.0.0.1:http",
        "::1:9899", "[::1]", "[::1]9899", "[]:9899", "127.0.0.1:99999999999", "1.2.3.4:12a"})
    void rejects(String spec) {
        assertThatThrownBy(() -> ListenAddress.parse(spec)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("Exception");
    }
}
