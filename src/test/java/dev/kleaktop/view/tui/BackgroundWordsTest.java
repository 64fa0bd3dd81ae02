package dev.kleaktop.view.tui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** A failed background action says why in words on the status line, never with a Java class name. */
class BackgroundWordsTest {
    @Test
    void aFailureWithoutAMessageIsSaidInWords() {
        assertThat(Background.why(new NullPointerException())).isEqualTo("failed");
        assertThat(Background.why(new StackOverflowError())).isEqualTo("input nested too deeply (stack overflow)");
        assertThat(Background.why(new IOException("  "))).isEqualTo("failed");
        assertThat(Background.why(new IOException("/s/a.json: not found\n"))).isEqualTo("/s/a.json: not found");
    }
}
