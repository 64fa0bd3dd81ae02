package dev.kleaktop.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class GlyphsTest {
    @Test
    void utf8LocaleOnAnEmulatorGetsUnicode() {
        assertThat(Glyphs.detect(Map.of("LANG", "en_US.UTF-8", "TERM", "xterm-256color"))).isEqualTo(Glyphs.UNICODE);
        assertThat(Glyphs.detect(Map.of("LC_ALL", "C.utf8", "TERM", "tmux-256color"))).isEqualTo(Glyphs.UNICODE);
        assertThat(Glyphs.detect(Map.of("LC_CTYPE", "de_DE.UTF-8", "LANG", "C", "TERM", "screen"))).isEqualTo(Glyphs.UNICODE);
    }

    @Test
    void theFirstSetVariableWinsAsInTheCLibrary() {
        assertThat(Glyphs.detect(Map.of("LC_ALL", "C", "LANG", "en_US.UTF-8", "TERM", "xterm"))).isEqualTo(Glyphs.ASCII);
        assertThat(Glyphs.detect(Map.of("LC_ALL", "", "LANG", "en_US.UTF-8", "TERM", "xterm"))).isEqualTo(Glyphs.UNICODE);
    }

    @Test
    void cLocaleOrNoLocaleOrAPlainConsoleGetsAscii() {
        assertThat(Glyphs.detect(Map.of("LANG", "C", "TERM", "xterm"))).isEqualTo(Glyphs.ASCII);
        assertThat(Glyphs.detect(Map.of("TERM", "xterm"))).isEqualTo(Glyphs.ASCII);
        assertThat(Glyphs.detect(Map.of("LANG", "en_US.ISO-8859-1", "TERM", "xterm"))).isEqualTo(Glyphs.ASCII);
        for (String term : new String[] {"linux", "vt100", "vt220", "dumb", "vt100-am"}) {
            assertThat(Glyphs.detect(Map.of("LANG", "en_US.UTF-8", "TERM", term))).as(term).isEqualTo(Glyphs.ASCII);
        }
    }

    @Test
    void asciiSetIsAscii() {
        Glyphs a = Glyphs.ASCII;
        String all = a.ramp() + a.vbar() + a.hbar() + a.full() + a.down() + a.up() + a.ellipsis();
        assertThat(all.chars()).allMatch(c -> c >= 0x20 && c < 0x7f);
        assertThat(Glyphs.UNICODE.ramp()).isEqualTo("▁▂▃▄▅▆▇█");
        assertThat(Glyphs.UNICODE.vbar()).isEqualTo('│');
    }
}
