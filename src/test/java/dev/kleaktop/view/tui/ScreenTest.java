package dev.kleaktop.view.tui;

import static dev.kleaktop.view.tui.ScreenHarness.ch;
import static dev.kleaktop.view.tui.ScreenHarness.ctrl;
import static dev.kleaktop.view.tui.ScreenHarness.key;
import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.input.KeyType;
import dev.kleaktop.analysis.CacheRow;
import dev.kleaktop.analysis.LeakRule;
import dev.kleaktop.session.Frame;
import dev.kleaktop.testing.Frames;
import dev.kleaktop.view.Column;
import dev.kleaktop.view.Glyphs;
import dev.kleaktop.view.Header;
import dev.kleaktop.view.ScreenExtras;
import dev.kleaktop.view.ScreenState;
import dev.kleaktop.view.TableState;
import dev.kleaktop.view.batch.BatchContext;
import dev.kleaktop.view.batch.BatchFormat;
import dev.kleaktop.view.batch.BatchWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The screen drawn on Lanterna's virtual terminal from the lab's real slabinfo series. */
class ScreenTest {
    @TempDir
    static Path dir;
    static List<Frame> series;
    Frame frame;

    @BeforeAll
    static void load() {
        series = Frames.series(dir);
    }

    /** Rows of the 160x45 main screen with one unavailable source. */
    static final int TITLE = 3, FIRST = 4, STATUS = 44;

    @BeforeEach
    void frames() {
        frame = series.get(series.size() - 1);
    }

    ScreenHarness screen() {
        return new ScreenHarness(160, 45, ScreenHarness.config(), frame);
    }

    @Test
    void headerAndTableAgreeWithBatchText() {
        ScreenHarness h = screen();
        assertThat(h.row(0)).startsWith(Header.identityLine(frame, 2, ZoneOffset.UTC));
        assertThat(h.row(0)).startsWith("kleaktop  host kmemlab  6.1.192-kmemlab  up 1m  every 2s  window 10s  00:49:");
        assertThat(h.row(1).stripTrailing()).isEqualTo(Header.memoryLine(frame, ""));
        assertThat(h.row(1)).contains("Slab 12.4M +12.8M/min").contains("SUnreclaim 9.7M");
        assertThat(h.row(2)).startsWith("unavailable: kmsg: permission denied (run as root)");
        assertThat(h.row(TITLE)).startsWith(" NAME ").contains("Δ START").contains("RATE▼").contains("TREND").contains(" F");

        // The fastest grower first, with the figures batch text prints for it.
        String top = h.row(FIRST);
        assertThat(top).startsWith(" kleak_slab_obj ");
        StringWriter sw = new StringWriter();
        BatchFormat.TEXT.writer(new BatchContext(3, ZoneOffset.UTC, 0))
                .write(frame, new TableState().apply(frame.analysis().rows()), true, new PrintWriter(sw));
        String batchLine = sw.toString().lines().filter(l -> l.startsWith("kleak_slab_obj")).findFirst().orElseThrow();
        for (String figure : batchLine.trim().split("\\s+")) assertThat(top).contains(figure);
        assertThat(top).contains("360.0K").contains("+336.0K").contains("+27.0K/s").contains(" !");

        // The TREND column is a sparkline rising to the top level.
        int trendAt = h.row(TITLE).indexOf("TREND");
        String spark = top.substring(trendAt, trendAt + Column.TREND.width());
        assertThat(spark.strip()).matches("[▁▂▃▄▅▆▇█]+").endsWith("█");
        assertThat(h.row(STATUS)).startsWith(Renderer.HINTS).endsWith("1/" + frame.analysis().rows().size());
    }

    @Test
    void selectedRowIsHighlightedAndMovesWithTheArrows() {
        ScreenHarness h = screen();
        assertThat(h.reversed(3, FIRST)).isTrue();
        assertThat(h.reversed(3, FIRST + 1)).isFalse();
        h.keys(key(KeyType.ArrowDown));
        assertThat(h.reversed(3, FIRST)).isFalse();
        assertThat(h.reversed(3, FIRST + 1)).isTrue();
        assertThat(h.state().selectedRow().orElseThrow().name()).isEqualTo("kmemleak_object");
        assertThat(h.row(STATUS)).endsWith("2/" + frame.analysis().rows().size());
    }

    @Test
    void scrollingKeepsTheSelectionOnScreen() {
        ScreenHarness h = screen();
        int n = h.state().rows().size();
        h.keys(key(KeyType.End));
        assertThat(h.state().selected()).isEqualTo(n - 1);
        assertThat(h.reversed(3, STATUS - 1)).isTrue();
        assertThat(h.row(STATUS - 1)).contains(h.state().rows().get(n - 1).name());
        h.keys(key(KeyType.PageUp));
        assertThat(h.state().selected()).isEqualTo(n - 1 - 39);
        h.keys(key(KeyType.Home));
        assertThat(h.state().selected()).isZero();
        assertThat(h.row(FIRST)).startsWith(" kleak_slab_obj");
        h.keys(key(KeyType.PageDown));
        assertThat(h.state().selected()).isEqualTo(39);
    }

    @Test
    void slabtopLettersSortAndTheHeaderMarksTheColumn() {
        ScreenHarness h = screen();
        h.type("n");
        assertThat(h.row(TITLE)).contains("NAME▲");
        assertThat(h.row(FIRST)).startsWith(" 9p-fcall-cache-1");
        h.type("r");
        assertThat(h.row(TITLE)).contains("NAME▼");
        String last = frame.analysis().rows().stream().map(CacheRow::name).max(String::compareTo).orElseThrow();
        assertThat(h.row(FIRST)).startsWith(" " + last + " ");
        h.type("c");
        assertThat(h.row(TITLE)).contains("SIZE▼").doesNotContain("NAME▼");
        List<CacheRow> rows = h.state().rows();
        for (int i = 1; i < rows.size(); i++) assertThat(rows.get(i - 1).sizeBytes()).isGreaterThanOrEqualTo(rows.get(i).sizeBytes());
        assertThat(h.row(FIRST)).startsWith(" " + rows.get(0).name());
        h.type("s");
        assertThat(h.row(TITLE)).contains("OBJSIZE▼");
        assertThat(h.row(FIRST)).startsWith(" 9p-fcall-cache-1"); // 262144-byte objects
        h.type("<");
        assertThat(h.row(TITLE)).contains("USE▼");
        h.type(">>");
        assertThat(h.row(TITLE)).contains("SIZE▼");
        h.type("d");
        assertThat(h.row(TITLE)).contains("Δ START▼");
        h.type("l");
        assertThat(h.state().table().sort()).isEqualTo(Column.SLABS);
        assertThat(h.row(STATUS)).startsWith("sorted by SLABS, largest first (not a column on screen)");
        h.type("g");
        assertThat(h.row(TITLE)).contains("RATE▼");
        assertThat(h.row(FIRST)).startsWith(" kleak_slab_obj");
    }

    @Test
    void filterAppliesOnEnterAndEscClearsIt() {
        ScreenHarness h = screen();
        h.type("/kmemx");
        assertThat(h.row(STATUS)).startsWith("filter (regex; Enter applies, Esc clears): kmemx");
        assertThat(h.state().rows()).hasSize(frame.analysis().rows().size()); // not yet applied
        h.keys(key(KeyType.Backspace), ch('l'), ch('e'), ch('a'), ch('k'), key(KeyType.Enter));
        assertThat(h.state().rows()).extracting(CacheRow::name).containsExactly("kmemleak_object", "kmemleak_scan_area");
        assertThat(h.row(FIRST)).startsWith(" kmemleak_object");
        assertThat(h.row(FIRST + 1)).startsWith(" kmemleak_scan_area");
        assertThat(h.row(FIRST + 2).isBlank()).isTrue();
        assertThat(h.row(STATUS)).endsWith("/kmemleak/ 1/2 of " + frame.analysis().rows().size());
        h.type("/");
        assertThat(h.row(STATUS).stripTrailing()).endsWith(": kmemleak"); // the input starts from the current filter
        h.keys(key(KeyType.Escape));
        assertThat(h.state().rows()).hasSize(frame.analysis().rows().size());
        assertThat(h.row(STATUS)).startsWith("filter cleared");
    }

    @Test
    void invalidFilterShowsTheErrorAndKeepsTheOldFilter() {
        ScreenHarness h = screen();
        h.type("/kleak");
        h.keys(key(KeyType.Enter));
        h.type("/(");
        h.keys(key(KeyType.Enter));
        assertThat(h.row(STATUS)).startsWith("filter: invalid regular expression 'kleak(': Unclosed group");
        assertThat(h.at(0, STATUS).getModifiers()).contains(SGR.BOLD);
        assertThat(h.at(0, STATUS).getForegroundColor()).isEqualTo(TextColor.ANSI.RED);
        assertThat(h.state().table().filterText()).isEqualTo("kleak");
        assertThat(h.state().rows()).extracting(CacheRow::name).containsExactly("kleak_slab_obj");
    }

    @Test
    void helpListsEveryKeyAndTheLeakRule() {
        ScreenHarness h = new ScreenHarness(160, 80, ScreenHarness.config(), frame);
        h.type("?");
        assertThat(h.state().mode()).isEqualTo(ScreenState.Mode.HELP);
        assertThat(h.row(0)).startsWith(" kleaktop help");
        String text = h.text();
        for (String k : List.of("q  Ctrl-C", "h  ?", "/", "g", "d", "c", "a", "o", "b", "l", "v", "p", "s", "u", "n",
                "<  >", "r", "space", "+  -", "z", "k", "C", "S", "D", "Tab", "Enter", "Esc", "↑ ↓ PgUp PgDn",
                "Home  End", "Ctrl-L")) {
            assertThat(text).as("key %s", k).containsPattern("(?m)^   " + java.util.regex.Pattern.quote(k) + " ");
        }
        String joined = text.replaceAll("\\s+", " ");
        assertThat(joined).contains(LeakRule.summary(dev.kleaktop.testing.Frames.RULE));
        h.keys(key(KeyType.Escape));
        assertThat(h.state().mode()).isEqualTo(ScreenState.Mode.TABLE);
        assertThat(h.row(TITLE)).startsWith(" NAME");
        h.type("h");
        assertThat(h.state().mode()).isEqualTo(ScreenState.Mode.HELP);
        h.type("h");
        assertThat(h.state().mode()).isEqualTo(ScreenState.Mode.TABLE);
    }

    @Test
    void helpScrollsOnASmallTerminal() {
        ScreenHarness h = new ScreenHarness(80, 12, ScreenHarness.config(), frame);
        h.type("?");
        assertThat(h.row(11)).contains("lines 1-10 of");
        h.keys(key(KeyType.End));
        String total = h.row(11).replaceAll(".* of ", "").strip();
        assertThat(h.row(11)).contains("-" + total + " of " + total);
        assertThat(h.text().replaceAll("\\s+", " ")).contains("rose evenly quarter after quarter");
    }

    @Test
    void enterOpensCacheDetailsWithAttributesAliasesAndHistory() {
        ScreenHarness h = screen();
        h.keys(key(KeyType.Enter));
        assertThat(h.row(0)).startsWith(" cache kleak_slab_obj  (leak suspect)");
        String text = h.text();
        assertThat(text).contains("leak rule     leak suspect: floor rose 272.0K over 12s (+30.2K/s), growing for 11s, not reclaimable")
                .contains("object size   520 bytes (object_size 512, slab_size 520)")
                .contains("per slab      15 objects, 2 pages (order 1)")
                .contains("reclaimable   no (reclaim_account 0)")
                .contains("Δ start       +336.0K  +630 objects")
                .contains("history of SIZE");
        int top = h.find("360.0K ┤");
        int bottom = h.find("160.0K ┤");
        assertThat(bottom - top).isEqualTo(5);
        assertThat(h.row(bottom)).contains("██");
        assertThat(h.row(bottom + 1)).contains("-10s").contains("now");
        h.keys(key(KeyType.Escape));
        assertThat(h.state().mode()).isEqualTo(ScreenState.Mode.TABLE);

        // A merged cache lists its aliases.
        h.type("/^Acpi-State$");
        h.keys(key(KeyType.Enter), key(KeyType.Enter));
        assertThat(h.text()).containsPattern("aliases +\\S");
        assertThat(h.text()).contains("flags         A merged aliases");
    }

    @Test
    void untrustedNamesAreDrawnEscaped() {
        ScreenHarness h = screen();
        h.type("/evil");
        h.keys(key(KeyType.Enter));
        assertThat(h.row(FIRST)).startsWith(" evil\\x1b[2J\\x1b]0;pwn");
        h.keys(key(KeyType.Enter));
        assertThat(h.text()).contains("evil\\x1b[2J\\x1b]0;pwned\\x07cache");
        for (int y = 0; y < h.rows(); y++) {
            for (char c : h.row(y).toCharArray()) assertThat((int) c).isGreaterThanOrEqualTo(0x20).isNotEqualTo(0x7f);
        }
    }

    @Test
    void aFirstPictureComposedBeforeTheScreenIsThereIsTheSameAsOneDrawnOnIt() {
        ScreenHarness drawn = screen();
        ScreenHarness early = ScreenHarness.prepared(160, 45, ScreenHarness.config(), frame,
                new com.googlecode.lanterna.TerminalSize(160, 45), h -> { });
        assertThat(early.text()).isEqualTo(drawn.text());
        assertThat(early.state().frame()).isSameAs(frame);
        // composed for another size (a resize meanwhile): drawn again for the screen's
        ScreenHarness resized = ScreenHarness.prepared(160, 45, ScreenHarness.config(), frame,
                new com.googlecode.lanterna.TerminalSize(100, 30), h -> { });
        assertThat(resized.text()).isEqualTo(drawn.text());
        // a newer frame meanwhile: that one is shown
        Frame older = series.get(series.size() - 2);
        ScreenHarness newer = ScreenHarness.prepared(160, 45, ScreenHarness.config(), older,
                new com.googlecode.lanterna.TerminalSize(160, 45), h -> h.feed.frame = frame);
        assertThat(newer.state().frame()).isSameAs(frame);
        assertThat(newer.text()).isEqualTo(drawn.text());
        // a key meanwhile (sort by name): its effect is on the first picture
        ScreenHarness sorted = ScreenHarness.prepared(160, 45, ScreenHarness.config(), frame,
                new com.googlecode.lanterna.TerminalSize(160, 45), h -> h.vt.addInput(ScreenHarness.ch('n')));
        drawn.type("n");
        assertThat(drawn.text()).isNotEqualTo(screen().text()); // the key changes the picture
        assertThat(sorted.text()).isEqualTo(drawn.text());
    }

    @Test
    void pauseFreezesTheDisplayWhileFramesKeepComing() {
        ScreenHarness h = new ScreenHarness(160, 45, ScreenHarness.config(), series.get(series.size() - 2));
        String before = h.row(0);
        h.type(" ");
        assertThat(h.row(0)).endsWith("[PAUSED]");
        h.feed.frame = series.get(series.size() - 1);
        h.step();
        assertThat(h.row(0)).startsWith(before.substring(0, 60));
        assertThat(h.state().frame()).isSameAs(series.get(series.size() - 2));
        h.type(" ");
        assertThat(h.row(0)).doesNotContain("[PAUSED]");
        assertThat(h.state().frame()).isSameAs(series.get(series.size() - 1));
        assertThat(h.row(2)).startsWith("unavailable: kmsg");
    }

    @Test
    void intervalKeysAreBoundedAndReachTheSampler() {
        ScreenHarness h = screen();
        h.type("+");
        assertThat(h.row(0)).contains("every 3s");
        assertThat(h.feed.intervals).containsExactly(3.0);
        h.type("++++++++");
        assertThat(h.state().intervalS()).isEqualTo(60);
        assertThat(h.row(STATUS)).startsWith("interval stays 60s (0.5s to 60s)");
        h.type("-------------");
        assertThat(h.state().intervalS()).isEqualTo(0.5);
        assertThat(h.row(0)).contains("every 0.5s");
        assertThat(h.feed.intervals).last().isEqualTo(0.5);
    }

    @Test
    void zResetsTheBaselineInTheSampler() {
        ScreenHarness h = screen();
        h.type("z");
        assertThat(h.feed.resets).isEqualTo(1);
        assertThat(h.row(STATUS)).startsWith("baseline reset: Δ START counts from now");
    }

    @Test
    void kmemleakAndSnapshotKeysSayWhyTheyCannotRunYet() {
        ScreenHarness h = screen();
        h.type("k");
        assertThat(h.row(STATUS)).startsWith("kmemleak: not available");
        assertThat(h.row(0)).doesNotContain("[SCANNING]");
        h.type("C");
        assertThat(h.state().mode()).isEqualTo(ScreenState.Mode.TABLE);
        assertThat(h.row(STATUS)).startsWith("kmemleak: not available");
        h.type("S");
        assertThat(h.row(STATUS)).startsWith("snapshots: not available");
        h.type("D");
        assertThat(h.row(STATUS)).startsWith("snapshots: not available");
        // The message goes after a while and the hints come back.
        h.clock.advanceSeconds(11);
        h.step();
        assertThat(h.row(STATUS)).startsWith(Renderer.HINTS);
    }

    @Test
    void quitKeys() {
        assertThat(screen().type("q")).isFalse();
        assertThat(screen().keys(ctrl('c'))).isFalse();
        assertThat(screen().keys(key(KeyType.EOF))).isFalse();
        ScreenHarness h = screen();
        h.type("/");
        assertThat(h.type("q")).isTrue(); // typed into the filter
        assertThat(h.keys(ctrl('c'))).isFalse();
    }

    @Test
    void idleRoundsDrawNothingAndAMoveSendsOnlyWhatChanged() {
        ScreenHarness h = screen();
        long draws = h.loop.draws();
        h.step();
        h.step();
        assertThat(h.loop.draws()).isEqualTo(draws);
        h.vt.written.clear();
        h.keys(key(KeyType.ArrowDown));
        assertThat(h.loop.draws()).isEqualTo(draws + 1);
        Set<Integer> rows = new TreeSet<>();
        for (TerminalPosition p : h.vt.written) rows.add(p.getRow());
        // the two rows whose highlight moved, and the position on the status line
        assertThat(rows).containsExactlyInAnyOrder(FIRST, FIRST + 1, STATUS);
    }

    @Test
    void ctrlLRedrawsEverything() {
        ScreenHarness h = screen();
        h.step();
        h.vt.written.clear();
        h.keys(ctrl('l'));
        // A complete refresh clears the terminal and sends every non-blank cell again.
        long nonBlank = h.text().chars().filter(c -> c != ' ' && c != '\n').count();
        assertThat((long) h.vt.written.size()).isGreaterThanOrEqualTo(nonBlank);
        assertThat(nonBlank).isGreaterThan(1500);
        assertThat(h.row(FIRST)).startsWith(" kleak_slab_obj");
    }

    @Test
    void resizeToTooSmallAndBack() {
        ScreenHarness h = screen();
        h.resize(30, 8);
        assertThat(h.row(0)).startsWith("terminal too small");
        assertThat(h.row(1)).startsWith("30x8, needs 40x10");
        assertThat(h.row(2)).startsWith("q quits");
        h.type("n"); // keys still work while too small
        h.resize(39, 20);
        assertThat(h.row(0)).startsWith("terminal too small");
        h.resize(40, 10);
        assertThat(h.row(0)).startsWith("kleaktop");
        // On a small screen the unavailable-source line gives way to the table.
        assertThat(h.row(2)).startsWith(" NAME").contains("SIZE").contains("RATE").doesNotContain("OBJSIZE");
        assertThat(h.row(2).stripTrailing()).hasSizeLessThanOrEqualTo(40);
        assertThat(h.row(3)).startsWith(" 9p-fcall-cache-1"); // the n typed while small
        assertThat(h.row(9)).isNotBlank();
        h.clock.advanceSeconds(11); // the message of the n typed goes
        h.resize(220, 60);
        assertThat(h.row(TITLE)).contains("OBJSIZE").contains("TREND");
        assertThat(h.row(59)).startsWith(Renderer.HINTS);
        assertThat(h.state().rows()).hasSize(frame.analysis().rows().size());
    }

    @Test
    void asciiFallback() {
        ScreenHarness h = new ScreenHarness(160, 45,
                ScreenHarness.config(Glyphs.ASCII, true, Panes.sample(), KmemleakActions.NONE, SnapshotActions.NONE), frame);
        assertThat(h.row(TITLE)).contains("D START").contains("RATEv");
        int trendAt = h.row(TITLE).indexOf("TREND");
        assertThat(h.row(FIRST).substring(trendAt, trendAt + 8).strip()).matches("[_.\\-=+*#@]+").endsWith("@");
        assertThat(h.row(FIRST)).contains("|");
        for (int y = 0; y < h.rows(); y++) {
            for (char c : h.row(y).toCharArray()) assertThat((int) c).as("row %d: %s", y, h.row(y)).isLessThan(0x7f);
        }
        h.keys(key(KeyType.Enter));
        for (int y = 0; y < h.rows(); y++) {
            for (char c : h.row(y).toCharArray()) assertThat((int) c).as("row %d: %s", y, h.row(y)).isLessThan(0x7f);
        }
        assertThat(h.text()).contains("#").contains("Up Down PgUp PgDn scroll");
    }

    @Test
    void noColorKeepsAttributesButSetsNoColour() {
        ScreenHarness colour = screen();
        colour.keys(key(KeyType.ArrowDown), key(KeyType.ArrowDown)); // so the suspect row is not the selected one
        assertThat(colour.at(3, FIRST).getForegroundColor()).isEqualTo(TextColor.ANSI.RED);
        ScreenHarness plain = new ScreenHarness(160, 45,
                ScreenHarness.config(Glyphs.UNICODE, false, Panes.sample(), KmemleakActions.NONE, SnapshotActions.NONE), frame);
        plain.keys(key(KeyType.ArrowDown), key(KeyType.ArrowDown));
        plain.type("k");
        for (int y = 0; y < plain.rows(); y++) {
            for (int x = 0; x < plain.cols(); x++) {
                assertThat(plain.at(x, y).getForegroundColor()).isEqualTo(TextColor.ANSI.DEFAULT);
                assertThat(plain.at(x, y).getBackgroundColor()).isEqualTo(TextColor.ANSI.DEFAULT);
            }
        }
        assertThat(plain.at(3, FIRST).getModifiers()).contains(SGR.BOLD); // the suspect, still marked
        assertThat(plain.reversed(3, FIRST + 2)).isTrue();
        assertThat(plain.at(1, TITLE).getModifiers()).contains(SGR.REVERSE);
    }

    @Test
    void noFrameYet() {
        ScreenHarness h = new ScreenHarness(100, 20, ScreenHarness.config(), null);
        assertThat(h.row(0)).startsWith("kleaktop  waiting for the first sample");
        assertThat(h.type("j")).isTrue();
        h.feed.frame = frame;
        h.step();
        assertThat(h.row(0)).startsWith("kleaktop  host kmemlab");
    }

    @Test
    void extrasCountsGoOnTheMemoryLine() {
        ScreenExtras extras = new ScreenExtras() {
            @Override
            public String counts(Frame f) { return "kmemleak 12  OOM 1"; }

            @Override
            public List<dev.kleaktop.view.PaneSection> pane(Frame f) { return List.of(); }
        };
        ScreenHarness h = new ScreenHarness(160, 45,
                ScreenHarness.config(Glyphs.UNICODE, true, extras, KmemleakActions.NONE, SnapshotActions.NONE), frame);
        assertThat(h.row(1).stripTrailing()).isEqualTo(Header.memoryLine(frame, "kmemleak 12  OOM 1"));
        assertThat(h.row(1)).endsWith("kmemleak 12  OOM 1" + " ".repeat(160 - h.row(1).stripTrailing().length()));
    }

    static CacheRow row(Frame f, String name) {
        return f.analysis().rows().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }
}
