package dev.kleaktop.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;

/**
 * How every json document kleaktop writes is encoded (batch json, {@code diff}, {@code oom} and
 * {@code kmemleak} json, snapshot files): the one stream factory their writers are built on.
 * Besides what JSON requires ({@code "}, {@code \} and U+0000–U+001F), DEL and the C1
 * controls (U+007F–U+009F) go out as {@code \}{@code u} escapes: they are legal raw in JSON,
 * but a terminal acts on them (U+009B is CSI, U+009D starts an OSC) when json holding a
 * kernel string is shown with {@code cat} or {@code less -r}. Decoding is untouched: the
 * escapes read back as the same characters.
 */
public final class JsonOutput {
    /** The factory of every json writer; thread-safe, as Jackson's factories are. */
    public static final JsonFactory FACTORY = new JsonFactoryBuilder().characterEscapes(new ControlEscapes()).build();

    private JsonOutput() {}

    /** JSON's standard escapes plus DEL and C1 as {@code \}{@code u00XX} (upper-case hex, as Jackson writes C0). */
    private static final class ControlEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private static final int FIRST_C1 = 0x80;
        private static final int LAST_C1 = 0x9f;
        private static final SerializableString[] C1 = new SerializableString[LAST_C1 - FIRST_C1 + 1];

        static {
            for (int c = FIRST_C1; c <= LAST_C1; c++) C1[c - FIRST_C1] = new SerializedString(String.format(java.util.Locale.ROOT, "\\u%04X", c));
        }

        private final int[] ascii;

        ControlEscapes() {
            ascii = standardAsciiEscapesForJSON();
            ascii[0x7f] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() { return ascii; }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return ch >= FIRST_C1 && ch <= LAST_C1 ? C1[ch - FIRST_C1] : null;
        }
    }
}
