package dev.kleaktop.view;

/**
 * A key press as the screen state understands it, independent of the terminal library.
 *
 * @param kind what was pressed
 * @param ch   the character for {@link Kind#CHAR} and the letter for {@link Kind#CTRL}
 *             (lower case), otherwise 0
 */
public record Key(Kind kind, char ch) {
    /** The kinds of key the screen reacts to. */
    public enum Kind {
        CHAR, CTRL, ENTER, ESCAPE, TAB, BACKTAB, BACKSPACE, DELETE,
        UP, DOWN, LEFT, RIGHT, PAGE_UP, PAGE_DOWN, HOME, END,
        /** The input ended (the terminal went away). */
        EOF,
        OTHER
    }

    public static Key of(char c) { return new Key(Kind.CHAR, c); }

    public static Key ctrl(char c) { return new Key(Kind.CTRL, Character.toLowerCase(c)); }

    public static Key of(Kind k) { return new Key(k, '\0'); }

    public boolean is(char c) { return kind == Kind.CHAR && ch == c; }
}
