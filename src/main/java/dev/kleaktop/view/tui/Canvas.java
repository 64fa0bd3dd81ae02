package dev.kleaktop.view.tui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalTextUtils;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.screen.Screen;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;

/**
 * One picture of the screen, cell by cell, before it goes to a Lanterna screen: the renderer
 * writes the whole picture here, then {@link #paint} copies every cell into the screen's back
 * buffer.
 *
 * <p>Why not Lanterna's own string drawing: it makes a new character object for every cell
 * drawn, each checked for being one grapheme, and its delta refresh asks every cell of the
 * back and front buffers whether it is double-width, a walk through the Unicode blocks each
 * time; for a 200x60 screen that was half the cost of a frame. Here each (character, style)
 * is one cached {@link Cell} that worked out its width once, and every cell of the screen is
 * one of them, blanks included.
 *
 * <p>What ends up in the screen is what {@code clear()} followed by Lanterna's
 * {@code TextGraphics.putString} and {@code setCharacter} gave, in the same order: the same
 * characters, colours and modifiers, the same column advance per character, and the same
 * handling of double-width characters (the cell after one is blanked in its style, and
 * writing over either half of one blanks the other half).
 */
final class Canvas {
    /** Non-ASCII cells kept at most; more (a flood of distinct characters) starts the cache again. */
    private static final int MAX_OTHER = 4096;

    /** Each style's colour and modifiers, by ordinal. */
    private final Look[] looks;
    /** Cells of the printable ASCII characters by style, made when first drawn. */
    private final Cell[][] ascii;
    /** Cells of other characters, by style and character. */
    private final Map<Integer, Cell> other = new HashMap<>();

    private Cell[][] grid = new Cell[0][0];
    private int cols, rows;
    /**
     * The style of the last text put, which a lone character drawn after it takes: Lanterna's
     * text graphics keep the colours and modifiers last set, and the screen looked that way.
     */
    private Style current = Style.PLAIN;

    private record Look(TextColor fg, EnumSet<SGR> mods) {}

    /** @param color whether styles may set colours (attributes are always used) */
    Canvas(boolean color) {
        Style[] styles = Style.values();
        looks = new Look[styles.length];
        ascii = new Cell[styles.length][];
        for (Style s : styles) {
            EnumSet<SGR> mods = EnumSet.noneOf(SGR.class);
            TextColor fg = TextColor.ANSI.DEFAULT;
            switch (s) {
                case BOLD:
                    mods.add(SGR.BOLD);
                    break;
                case REVERSE:
                    mods.add(SGR.REVERSE);
                    break;
                case TITLE:
                    mods.add(SGR.BOLD);
                    if (color) fg = TextColor.ANSI.CYAN;
                    break;
                case ALERT:
                    if (color) fg = TextColor.ANSI.RED;
                    else mods.add(SGR.BOLD);
                    break;
                case ERROR:
                    mods.add(SGR.BOLD);
                    if (color) fg = TextColor.ANSI.RED;
                    break;
                case TAG:
                    mods.add(SGR.BOLD);
                    if (color) fg = TextColor.ANSI.YELLOW;
                    else mods.add(SGR.REVERSE);
                    break;
                case SORTED:
                    mods.add(SGR.REVERSE);
                    mods.add(SGR.BOLD);
                    mods.add(SGR.UNDERLINE);
                    break;
                default:
                    break;
            }
            looks[s.ordinal()] = new Look(fg, mods);
            ascii[s.ordinal()] = new Cell[128];
        }
    }

    /** Starts a picture of {@code cols} x {@code rows} blank cells, as a cleared screen. */
    void reset(int cols, int rows) {
        if (cols != this.cols || rows != this.rows) {
            grid = new Cell[rows][cols];
            this.cols = cols;
            this.rows = rows;
        }
        Cell blank = cell(' ', Style.PLAIN);
        for (Cell[] row : grid) Arrays.fill(row, blank);
        current = Style.PLAIN;
    }

    /**
     * Puts text at a position, one character after another as Lanterna's putString does: a
     * double-width character advances two columns. Cells off the picture are dropped.
     *
     * @param text escaped text: no control characters
     */
    void put(int x, int y, String text, Style style) {
        current = style;
        int at = x;
        for (int i = 0; i < text.length(); i++) {
            Cell c = cell(text.charAt(i), style);
            set(at, y, c);
            at += c.advance;
        }
    }

    /** Puts one character in the style of the last text put. */
    void put(int x, int y, char c) {
        set(x, y, cell(c, current));
    }

    /** The cell at a position (tests). */
    Cell at(int x, int y) { return grid[y][x]; }

    /**
     * Writes a cell the way a screen buffer does: a double-width character covers the cell
     * after it with a blank of its style, and writing over the second half of one blanks its
     * first half.
     */
    private void set(int x, int y, Cell c) {
        if (x < 0 || y < 0 || x >= cols || y >= rows) return;
        Cell[] row = grid[y];
        if (x > 0 && row[x - 1].wide) row[x - 1] = cell(' ', row[x - 1].style);
        row[x] = c;
        if (c.wide && x + 1 < cols) row[x + 1] = cell(' ', c.style);
    }

    /**
     * Copies the picture into the screen's back buffer, left to right. The cell after a
     * double-width one is left out: writing the double-width character has already blanked it
     * in the screen as here, and writing it again would blank the double-width character. A
     * cell the back buffer already holds (most of them: the last picture stays there) is left
     * as it is; double-width ones are written all the same (rare, and writing one also sets
     * the cell after it).
     */
    void paint(Screen screen) {
        for (int y = 0; y < rows; y++) {
            Cell[] row = grid[y];
            for (int x = 0; x < cols; x++) {
                if (x > 0 && row[x - 1].wide) continue;
                Cell c = row[x];
                if (!c.wide && screen.getBackCharacter(x, y) == c) continue;
                screen.setCharacter(x, y, c);
            }
        }
    }

    /** The one cell of a character in a style. */
    Cell cell(char c, Style s) {
        if (c < 128) {
            Cell[] byChar = ascii[s.ordinal()];
            Cell cell = byChar[c];
            if (cell == null) {
                cell = new Cell(c, s, looks[s.ordinal()].fg(), looks[s.ordinal()].mods());
                byChar[c] = cell;
            }
            return cell;
        }
        Integer key = s.ordinal() << 16 | c;
        Cell cell = other.get(key);
        if (cell == null) {
            if (other.size() >= MAX_OTHER) other.clear();
            cell = new Cell(c, s, looks[s.ordinal()].fg(), looks[s.ordinal()].mods());
            other.put(key, cell);
        }
        return cell;
    }

    /**
     * A character in a style, with its widths worked out once: Lanterna asks every cell of
     * the screen whether it is double-width at every refresh.
     *
     * <p>Equal to any Lanterna character that looks the same (same character, colours and
     * modifiers), whatever its class: Lanterna's own characters (a cleared screen's blanks,
     * the blank after a double-width character) compare equal to the cell drawn over them
     * when nothing changed, so the delta refresh sends exactly what it sent with Lanterna's
     * characters. (A Lanterna character asked the other way round says no; the refresh asks
     * the newly drawn cell.)
     */
    static final class Cell extends TextCharacter {
        private final char ch;
        final Style style;
        /** Whether Lanterna draws it over two cells. */
        final boolean wide;
        /** How many columns Lanterna's putString moves on after it. */
        final int advance;
        private final EnumSet<SGR> mods;

        // The constructor Lanterna's own text graphics use for each character drawn; the
        // factories that replace it cannot make a subclass.
        @SuppressWarnings("deprecation")
        Cell(char c, Style style, TextColor fg, EnumSet<SGR> mods) {
            super(c, fg, TextColor.ANSI.DEFAULT, mods);
            this.ch = c;
            this.style = style;
            this.mods = EnumSet.copyOf(mods);
            this.wide = super.isDoubleWidth();
            this.advance = TerminalTextUtils.isCharDoubleWidth(c) ? 2 : 1;
        }

        @Override
        public boolean isDoubleWidth() { return wide; }

        @Override
        public boolean equals(Object o) {
            if (o == this) return true;
            if (o instanceof Cell) {
                Cell c = (Cell) o;
                return ch == c.ch && getForegroundColor().equals(c.getForegroundColor())
                        && getBackgroundColor().equals(c.getBackgroundColor()) && mods.equals(c.mods);
            }
            if (!(o instanceof TextCharacter)) return false;
            TextCharacter t = (TextCharacter) o;
            return getCharacterString().equals(t.getCharacterString())
                    && getForegroundColor().equals(t.getForegroundColor())
                    && getBackgroundColor().equals(t.getBackgroundColor())
                    && mods.equals(t.getModifiers());
        }

        @Override
        public int hashCode() { return super.hashCode(); } // made of the same fields as equals
    }
}
