package dev.kleaktop.view.tui.term;

import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.TerminalSize;
import org.junit.jupiter.api.Test;

/** The terminal over the tty: the bytes it writes for ASCII, the size from stty. */
class TtyTerminalTest {
    /** Lanterna's own translation of a character, as its terminals write it. */
    private static final class LanternaBytes extends com.googlecode.lanterna.terminal.ansi.ANSITerminal {
        LanternaBytes(java.nio.charset.Charset cs) {
            super(new java.io.ByteArrayInputStream(new byte[0]), new java.io.ByteArrayOutputStream(), cs);
        }

        byte[] of(char c) { return translateCharacter(c); }
    }

    @Test
    void asciiIsWrittenAsLanternaWritesItInEveryCharset() {
        for (java.nio.charset.Charset cs : new java.nio.charset.Charset[] {java.nio.charset.StandardCharsets.UTF_8,
                java.nio.charset.StandardCharsets.ISO_8859_1, java.nio.charset.StandardCharsets.US_ASCII}) {
            LanternaBytes lanterna = new LanternaBytes(cs);
            for (char c = 0; c < 128; c++) {
                assertThat(TtyTerminal.ascii(c)).as(cs + " " + (int) c).isEqualTo(lanterna.of(c));
            }
        }
    }

    @Test
    void sttySizeIsRowsThenColumns() {
        assertThat(TtyTerminal.parseSttySize("45 160\n")).isEqualTo(new TerminalSize(160, 45));
        assertThat(TtyTerminal.parseSttySize("0 0")).isNull(); // a serial line that does not know
        assertThat(TtyTerminal.parseSttySize("stty: 'standard input': Inappropriate ioctl for device")).isNull();
        assertThat(TtyTerminal.parseSttySize("")).isNull();
        assertThat(TtyTerminal.parseSttySize(null)).isNull();
    }
}
