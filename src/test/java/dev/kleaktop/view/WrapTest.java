package dev.kleaktop.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class WrapTest {
    static final String WHY = "kmemleak: debugfs not mounted (mount -t debugfs none /sys/kernel/debug)";

    @Test
    void theFixInParenthesesGoesWholeOnALineOfItsOwnWhenItFitsOne() {
        assertThat(Wrap.lines(WHY, 80, "", "")).containsExactly(WHY);
        assertThat(Wrap.lines(WHY, 60, "", "")).containsExactly("kmemleak: debugfs not mounted",
                "(mount -t debugfs none /sys/kernel/debug)");
        assertThat(Wrap.lines("unavailable: " + WHY, 70, "", "  ")).containsExactly(
                "unavailable: kmemleak: debugfs not mounted", "  (mount -t debugfs none /sys/kernel/debug)");
        // narrower than the fix itself: broken at its spaces, nothing lost
        assertThat(Wrap.lines(WHY, 30, "", "")).containsExactly("kmemleak: debugfs not mounted",
                "(mount -t debugfs none", "/sys/kernel/debug)");
        // an unclosed parenthesis is plain words
        assertThat(Wrap.lines("a (b c d", 4, "", "")).containsExactly("a (b", "c d");
        assertThat(Wrap.lines("", 10, "  ", "    ")).containsExactly("  ");
    }

    /** From 20 columns on, the longest word (18) and its indent fit a line: words are never split. */
    @Property
    void noWordIsLostAndNoLineIsTooWide(@ForAll @IntRange(min = 20, max = 120) int width) {
        List<String> lines = Wrap.lines("unavailable: " + WHY + " and (run as root) too", width, "", "  ");
        for (String l : lines) assertThat(l.length()).isLessThanOrEqualTo(width);
        assertThat(String.join(" ", lines).replaceAll(" +", " ").strip())
                .isEqualTo("unavailable: " + WHY + " and (run as root) too");
    }
}
