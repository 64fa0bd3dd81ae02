package dev.kleaktop.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kleaktop.view.Text.CharWidth;
import org.junit.jupiter.api.Test;

class TextColumnsTest {
    /** CJK ideographs two columns, everything else one: the shape of the screen's rule. */
    static final CharWidth CJK = cp -> cp >= 0x4e00 && cp <= 0x9fff ? 2 : 1;

    @Test
    void wideCharactersCountTwiceAndAreNeverCutInHalf() {
        assertThat(Text.columns("dentry", CJK)).isEqualTo(6);
        assertThat(Text.columns("数据_cache", CJK)).isEqualTo(10);
        assertThat(Text.cutColumns("数据_cache", 3, CJK)).isEqualTo("数");
        assertThat(Text.cutColumns("数据_cache", 4, CJK)).isEqualTo("数据");
        assertThat(Text.padRight("数据", 7, CJK)).isEqualTo("数据   ");
        assertThat(Text.padRight("数据缓存", 5, CJK)).isEqualTo("数据 ");
        assertThat(Text.columns(Text.padRight("数据缓存", 5, CJK), CJK)).isEqualTo(5);
        assertThat(Text.padRight("abc", 5, CharWidth.NARROW)).isEqualTo(Text.padRight("abc", 5));
        // outside the BMP: one code point, one column here
        assertThat(Text.columns("a\uD83D\uDE00b", CJK)).isEqualTo(3);
    }

    @Test
    void aTableRowKeepsItsColumnsWithAWideName() {
        String ascii = "x".repeat(14);
        String wide = "数据缓存_cache";
        TableFormat tf = new TableFormat<>(Column.SPEC, Column.SPEC.table(), 17);
        assertThat(TableFormat.cut(wide, 8, Glyphs.UNICODE, CJK)).isEqualTo("数据缓…");
        assertThat(Text.columns(TableFormat.cut(wide, 8, Glyphs.UNICODE, CJK), CJK)).isEqualTo(7);
        assertThat(Text.columns(Text.padRight(TableFormat.cut(wide, 17, Glyphs.UNICODE, CJK), 17, CJK), CJK))
                .isEqualTo(Text.columns(Text.padRight(ascii, 17, CJK), CJK));
        assertThat(tf.width()).isPositive();
    }
}
