package dev.kleaktop.view.tui;

import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;
import com.googlecode.lanterna.screen.Screen;
import com.googlecode.lanterna.screen.TerminalScreen;
import dev.kleaktop.view.tui.Canvas.Cell;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * The canvas must leave a Lanterna screen exactly as clearing it and drawing with Lanterna's
 * own text graphics did (what the renderer did before it had a canvas): the same cells, the
 * same characters, colours and modifiers, double-width characters included, and the same
 * cells sent by the delta refresh that follows.
 */
class CanvasTest {
    /** Characters of every kind the screen meets: ASCII, accents, CJK, emoji halves, Thai marks, box drawing. */
    private static final String ALPHABET = "ab Z09-_./|#\u00e9\u00d7\u0394\u2026\u2191\u2502\u2500\u2581\u2588"
            + "\u6f22\u5b57\u30ad\uff71\uac00\u0e1a\u0e38\u0301\u2764\u2705";
    private static final String EMOJI = "\uD83D\uDE00";

    /** One thing the renderer draws: text in a style, or one character in the style last used. */
    record Op(int x, int y, String text, Style style) {
        static Op ch(int x, int y, char c) { return new Op(x, y, String.valueOf(c), null); }
    }

    /** What the renderer did before the canvas: clear, then Lanterna's putString and setCharacter. */
    static void lanterna(Screen screen, boolean color, List<Op> ops) {
        screen.clear();
        TextGraphics tg = screen.newTextGraphics();
        for (Op op : ops) {
            if (op.style() == null) {
                tg.setCharacter(op.x(), op.y(), op.text().charAt(0));
                continue;
            }
            tg.setForegroundColor(TextColor.ANSI.DEFAULT);
            tg.setBackgroundColor(TextColor.ANSI.DEFAULT);
            tg.clearModifiers();
            switch (op.style()) {
                case BOLD -> tg.enableModifiers(SGR.BOLD);
                case REVERSE -> tg.enableModifiers(SGR.REVERSE);
                case TITLE -> {
                    tg.enableModifiers(SGR.BOLD);
                    if (color) tg.setForegroundColor(TextColor.ANSI.CYAN);
                }
                case ALERT -> {
                    if (color) tg.setForegroundColor(TextColor.ANSI.RED);
                    else tg.enableModifiers(SGR.BOLD);
                }
                case ERROR -> {
                    tg.enableModifiers(SGR.BOLD);
                    if (color) tg.setForegroundColor(TextColor.ANSI.RED);
                }
                case TAG -> {
                    tg.enableModifiers(SGR.BOLD);
                    if (color) tg.setForegroundColor(TextColor.ANSI.YELLOW);
                    else tg.enableModifiers(SGR.REVERSE);
                }
                case SORTED -> tg.enableModifiers(SGR.REVERSE, SGR.BOLD, SGR.UNDERLINE);
                default -> { }
            }
            tg.putString(op.x(), op.y(), op.text());
        }
    }

    static void canvas(Canvas c, Screen screen, List<Op> ops) {
        TerminalSize size = screen.getTerminalSize();
        c.reset(size.getColumns(), size.getRows());
        for (Op op : ops) {
            if (op.style() == null) c.put(op.x(), op.y(), op.text().charAt(0));
            else c.put(op.x(), op.y(), op.text(), op.style());
        }
        c.paint(screen);
    }

    static String look(TextCharacter t) {
        return t.getCharacterString() + "|" + t.getForegroundColor() + "|" + t.getBackgroundColor() + "|" + t.getModifiers();
    }

    static void assertSameBack(Screen want, Screen got, String why) {
        TerminalSize size = want.getTerminalSize();
        for (int y = 0; y < size.getRows(); y++) {
            for (int x = 0; x < size.getColumns(); x++) {
                assertThat(look(got.getBackCharacter(x, y))).as("%s: cell %d,%d", why, x, y)
                        .isEqualTo(look(want.getBackCharacter(x, y)));
            }
        }
    }

    static String randomText(Random rnd) {
        StringBuilder b = new StringBuilder();
        for (int n = rnd.nextInt(12); n > 0; n--) {
            if (rnd.nextInt(10) == 0) b.append(EMOJI);
            else b.append(ALPHABET.charAt(rnd.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }

    static List<Op> randomPicture(Random rnd, int cols, int rows) {
        List<Op> ops = new ArrayList<>();
        Style[] styles = Style.values();
        for (int n = rnd.nextInt(25); n > 0; n--) {
            int x = rnd.nextInt(cols + 3) - 1, y = rnd.nextInt(rows + 1);
            if (rnd.nextInt(8) == 0) {
                ops.add(Op.ch(x, y, ALPHABET.charAt(rnd.nextInt(ALPHABET.length()))));
            } else {
                String t = randomText(rnd);
                if (!t.isEmpty()) ops.add(new Op(x, y, t, styles[rnd.nextInt(styles.length)]));
            }
        }
        return ops;
    }

    /**
     * Pictures one after another on two screens, one drawn the old way and one through a
     * canvas: after each, the same back buffer, the same terminal and the same cells sent.
     */
    @Property(tries = 200)
    void drawsWhatLanternasOwnDrawingDrew(@ForAll long seed) throws IOException {
        Random rnd = new Random(seed);
        int cols = 3 + rnd.nextInt(14), rows = 1 + rnd.nextInt(4);
        boolean color = rnd.nextBoolean();
        ScreenHarness.Recording wantVt = new ScreenHarness.Recording(new TerminalSize(cols, rows));
        ScreenHarness.Recording gotVt = new ScreenHarness.Recording(new TerminalSize(cols, rows));
        TerminalScreen want = new TerminalScreen(wantVt);
        TerminalScreen got = new TerminalScreen(gotVt);
        want.startScreen();
        got.startScreen();
        Canvas canvas = new Canvas(color);
        List<Op> ops = List.of();
        for (int frame = 0; frame < 5; frame++) {
            // now and then the same picture again, to send nothing
            if (frame == 0 || rnd.nextInt(4) != 0) ops = randomPicture(rnd, cols, rows);
            lanterna(want, color, ops);
            canvas(canvas, got, ops);
            assertSameBack(want, got, "frame " + frame + " " + ops);
            wantVt.written.clear();
            gotVt.written.clear();
            want.refresh(Screen.RefreshType.DELTA);
            got.refresh(Screen.RefreshType.DELTA);
            assertThat(gotVt.written).as("sent, frame %d %s", frame, ops).isEqualTo(wantVt.written);
            for (int y = 0; y < rows; y++) {
                for (int x = 0; x < cols; x++) {
                    assertThat(look(gotVt.getCharacter(x, y))).as("terminal %d,%d frame %d %s", x, y, frame, ops)
                            .isEqualTo(look(wantVt.getCharacter(x, y)));
                }
            }
        }
    }

    @Test
    void aDoubleWidthCharacterTakesTwoCellsAndOverwritingHalfOfItBlanksTheOtherHalf() throws IOException {
        TerminalScreen want = new TerminalScreen(new ScreenHarness.Recording(new TerminalSize(8, 2)));
        TerminalScreen got = new TerminalScreen(new ScreenHarness.Recording(new TerminalSize(8, 2)));
        List<Op> ops = List.of(new Op(0, 0, "a\u6f22b\u5b57", Style.REVERSE), new Op(4, 0, "x", Style.PLAIN),
                new Op(0, 1, "\u6f22\u6f22\u6f22\u6f22\u6f22", Style.ALERT), new Op(1, 1, "y", Style.BOLD));
        lanterna(want, true, ops);
        canvas(new Canvas(true), got, ops);
        assertSameBack(want, got, ops.toString());
        // a, the CJK character over two cells, b and the second one cut by the x
        assertThat(got.getBackCharacter(1, 0).getCharacterString()).isEqualTo("\u6f22");
        assertThat(got.getBackCharacter(2, 0).getCharacterString()).isEqualTo(" ");
        assertThat(got.getBackCharacter(3, 0).getCharacterString()).isEqualTo("b");
        assertThat(got.getBackCharacter(4, 0).getCharacterString()).isEqualTo("x");
        assertThat(got.getBackCharacter(5, 0).getCharacterString()).isEqualTo(" ");
        assertThat(got.getBackCharacter(2, 0).getModifiers()).containsExactly(SGR.REVERSE);
        assertThat(got.getBackCharacter(0, 1).getCharacterString()).isEqualTo(" "); // its second half overwritten
        assertThat(got.getBackCharacter(1, 1).getCharacterString()).isEqualTo("y");
        assertThat(got.getBackCharacter(2, 1).getCharacterString()).isEqualTo("\u6f22");
    }

    @Test
    void aLoneCharacterTakesTheStyleOfTheLastText() {
        Canvas c = new Canvas(true);
        c.reset(5, 1);
        c.put(0, 0, '|');
        assertThat(c.at(0, 0).style).isEqualTo(Style.PLAIN);
        c.put(1, 0, "ab", Style.ALERT);
        c.put(4, 0, '|');
        assertThat(c.at(4, 0).style).isEqualTo(Style.ALERT);
        assertThat(c.at(4, 0).getForegroundColor()).isEqualTo(TextColor.ANSI.RED);
        c.reset(5, 1); // a new picture starts plain, as a new text graphics did
        c.put(0, 0, '|');
        assertThat(c.at(0, 0).style).isEqualTo(Style.PLAIN);
    }

    @Test
    void oneCellPerCharacterAndStyleEqualToLanternasCharacterThatLooksTheSame() {
        Canvas c = new Canvas(false);
        assertThat(c.cell('a', Style.BOLD)).isSameAs(c.cell('a', Style.BOLD));
        assertThat(c.cell('\u6f22', Style.BOLD)).isSameAs(c.cell('\u6f22', Style.BOLD));
        assertThat(c.cell('a', Style.BOLD)).isNotEqualTo(c.cell('a', Style.PLAIN)).isNotEqualTo(c.cell('b', Style.BOLD));
        // a blank is what a cleared screen holds
        Cell blank = c.cell(' ', Style.PLAIN);
        assertThat(blank).isEqualTo(TextCharacter.DEFAULT_CHARACTER);
        assertThat(blank.hashCode()).isEqualTo(TextCharacter.DEFAULT_CHARACTER.hashCode());
        TextCharacter bold = TextCharacter.fromCharacter('a', TextColor.ANSI.DEFAULT, TextColor.ANSI.DEFAULT, SGR.BOLD)[0];
        assertThat(c.cell('a', Style.BOLD)).isEqualTo(bold).hasSameHashCodeAs(bold);
        assertThat(c.cell('a', Style.PLAIN)).isNotEqualTo(bold);
        assertThat(c.cell('a', Style.BOLD)).isNotEqualTo("a");
        // without colour an alert is bold, with colour red
        assertThat(c.cell('a', Style.ALERT)).isEqualTo(bold);
        assertThat(new Canvas(true).cell('a', Style.ALERT))
                .isEqualTo(TextCharacter.fromCharacter('a', TextColor.ANSI.RED, TextColor.ANSI.DEFAULT)[0]);
        // two canvases make cells that are equal without being the same
        assertThat(new Canvas(false).cell('a', Style.BOLD)).isEqualTo(c.cell('a', Style.BOLD));
    }

    @Test
    void widthsAreLanternas() {
        Canvas c = new Canvas(true);
        List<Character> chars = new ArrayList<>();
        for (char ch = 0x20; ch < 0x7f; ch++) chars.add(ch);
        for (char ch : (ALPHABET + EMOJI + "\u3000\uff01\u1100\u0e31").toCharArray()) chars.add(ch);
        for (char ch : chars) {
            Cell cell = c.cell(ch, Style.PLAIN);
            TextCharacter lanterna = TextCharacter.fromCharacter(ch)[0];
            assertThat(cell.isDoubleWidth()).as("U+%04x", (int) ch).isEqualTo(lanterna.isDoubleWidth());
            assertThat(cell.advance).as("U+%04x", (int) ch)
                    .isEqualTo(com.googlecode.lanterna.TerminalTextUtils.isCharDoubleWidth(ch) ? 2 : 1);
        }
        assertThat(c.cell('a', Style.PLAIN).isDoubleWidth()).isFalse();
        assertThat(c.cell('\u6f22', Style.PLAIN).isDoubleWidth()).isTrue();
        assertThat(c.cell('\u6f22', Style.PLAIN).advance).isEqualTo(2);
    }

    @Test
    void aPictureLikeTheLastOneWritesOnlyWhatChanged() throws IOException {
        TerminalScreen screen = new TerminalScreen(new ScreenHarness.Recording(new TerminalSize(6, 1)));
        Canvas c = new Canvas(true);
        canvas(c, screen, List.of(new Op(0, 0, "abc", Style.PLAIN)));
        TextCharacter b = screen.getBackCharacter(1, 0);
        canvas(c, screen, List.of(new Op(0, 0, "aXc", Style.PLAIN)));
        assertThat(screen.getBackCharacter(1, 0).getCharacterString()).isEqualTo("X");
        assertThat(screen.getBackCharacter(0, 0)).isSameAs(c.cell('a', Style.PLAIN));
        // something else wrote into the screen: the next picture puts its own cell back
        screen.setCharacter(2, 0, b);
        canvas(c, screen, List.of(new Op(0, 0, "aXc", Style.PLAIN)));
        assertThat(screen.getBackCharacter(2, 0).getCharacterString()).isEqualTo("c");
        assertThat(screen.getBackCharacter(5, 0)).isSameAs(c.cell(' ', Style.PLAIN));
    }
}
