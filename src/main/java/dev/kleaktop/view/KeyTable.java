package dev.kleaktop.view;

import dev.kleaktop.view.Key.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The screen's keys, each declared once: what it does ({@link Command}), how the help screen
 * names and explains it, and its word on the hint line. {@link ScreenState} dispatches through
 * these tables, {@link HelpText} lists them, the renderer's hint lines are made from them.
 * A new key (or a new view with its keys) is a line here and a case where its command is
 * carried out.
 */
public final class KeyTable {
    /** What a key asks for; the mode it is pressed in carries it out. */
    public enum Command {
        QUIT, HELP, FILTER, SORT, SORT_LEFT, SORT_RIGHT, REVERSE, PAUSE, LONGER, SHORTER,
        RESET_BASELINE, STEP, TO_END, SCAN, CLEAR, SNAPSHOT, DIFF_LIST, FOCUS, DETAILS, BACK,
        UP, DOWN, PAGE_UP, PAGE_DOWN, HOME, END,
        /** Shows another table ({@link Binding#view()}). */
        VIEW
    }

    /** A word on the hint line: {@code key word}, at {@code order} (lowest first). */
    public record Hint(String key, String word, int order) {}

    /**
     * One key, or keys that do the same.
     *
     * @param keys    what is pressed; empty for a key the terminal handles (Ctrl-Z)
     * @param command what it asks for, null when it is handled outside the state
     * @param sort    the column for {@link Command#SORT}, the {@link ScreenTable} for {@link Command#VIEW}
     * @param label   the key as the help screen names it; null when it shares the row above
     * @param help    what the help screen says of it; null with a null label
     * @param hint    its word on the hint line, or null
     */
    public record Binding(List<Key> keys, Command command, Object sort, String label, String help, Hint hint) {
        boolean matches(Key k) { return keys.contains(k); }

        /** The table a {@link Command#VIEW} key shows. */
        public ScreenTable<?, ?> view() { return (ScreenTable<?, ?>) sort; }
    }

    private final List<Binding> bindings;

    private KeyTable(List<Binding> bindings) { this.bindings = List.copyOf(bindings); }

    public List<Binding> bindings() { return bindings; }

    /** The binding of a key, if this table has one. */
    public Optional<Binding> find(Key k) {
        for (Binding b : bindings) {
            if (b.matches(k)) return Optional.of(b);
        }
        return Optional.empty();
    }

    /** The tables its {@link Command#VIEW} keys show, in the order of the keys. */
    public List<ScreenTable<?, ?>> views() {
        List<ScreenTable<?, ?>> out = new ArrayList<>();
        for (Binding b : bindings) {
            if (b.command() == Command.VIEW && !out.contains(b.view())) out.add(b.view());
        }
        return out;
    }

    /** The hint line where the terminal cannot show arrows: {@code Up Down} for them. */
    public String hints(boolean unicode) {
        return unicode ? hints() : hints().replace("\u2191\u2193", "Up Down");
    }

    /** The hint line: each hinted binding's {@code key word}, in hint order, two blanks apart. */
    public String hints() {
        List<Hint> hs = new ArrayList<>();
        for (Binding b : bindings) {
            if (b.hint() != null) hs.add(b.hint());
        }
        hs.sort(java.util.Comparator.comparingInt(Hint::order));
        StringBuilder s = new StringBuilder();
        for (Hint h : hs) {
            if (s.length() > 0) s.append("  ");
            s.append(h.key()).append(' ').append(h.word());
        }
        return s.toString();
    }

    /** The help screen's rows, {key label, what it does}, in the table's order. */
    public String[][] helpRows() {
        List<String[]> rows = new ArrayList<>();
        for (Binding b : bindings) {
            if (b.label() != null) rows.add(new String[] {b.label(), b.help()});
        }
        return rows.toArray(String[][]::new);
    }

    // ---------------------------------------------------------------- declaring

    private static final class Builder {
        private final List<Binding> out = new ArrayList<>();
        private Hint pendingHint;

        Builder key(String label, String help, Command c, Key... keys) {
            out.add(new Binding(List.of(keys), c, null, label, help, take()));
            return this;
        }

        /** A further key of the row above: the help names it there. */
        Builder also(Command c, Key... keys) {
            out.add(new Binding(List.of(keys), c, null, null, null, take()));
            return this;
        }

        /** A sort letter of the live table: its column is the one -s takes the letter for ({@link Column#SPEC}). */
        Builder sort(char key, String help) {
            Column col = Column.SPEC.sortKey(String.valueOf(key))
                    .orElseThrow(() -> new IllegalStateException("no sort key " + key));
            return sort(key, col, help);
        }

        Builder sort(char key, Object column, String help) {
            out.add(new Binding(List.of(Key.of(key)), Command.SORT, column, help == null ? null : String.valueOf(key),
                    help, take()));
            return this;
        }

        /** A key that shows a table as the main view. */
        Builder view(char key, ScreenTable<?, ?> table, String help) {
            out.add(new Binding(List.of(Key.of(key)), Command.VIEW, table, String.valueOf(key), help, take()));
            return this;
        }

        /** The arrows, PgUp/PgDn, Home and End (the pending hint goes on the first). */
        Builder moves() {
            return also(Command.UP, k(Kind.UP)).also(Command.DOWN, k(Kind.DOWN))
                    .also(Command.PAGE_UP, k(Kind.PAGE_UP)).also(Command.PAGE_DOWN, k(Kind.PAGE_DOWN))
                    .also(Command.HOME, k(Kind.HOME)).also(Command.END, k(Kind.END));
        }

        /** The next binding's hint. */
        Builder hint(String key, String word, int order) {
            pendingHint = new Hint(key, word, order);
            return this;
        }

        private Hint take() {
            Hint h = pendingHint;
            pendingHint = null;
            return h;
        }

        KeyTable build() { return new KeyTable(out); }
    }

    private static Key k(Kind kind) { return Key.of(kind); }

    private static Key c(char ch) { return Key.of(ch); }

    /** The caches table (and the side pane beside it): SPEC's key list, in its order. */
    public static final KeyTable TABLE = new Builder()
            .hint("q", "quit", 10).key("q  Ctrl-C", "quit (the terminal is restored)", Command.QUIT, c('q'))
            .hint("?", "help", 9).key("h  ?", "this help; Esc returns", Command.HELP, c('h'), c('?'))
            .view('1', CacheTable.VIEW, "show the slab caches (the first view)")
            .view('2', LedgerTable.VIEW, "show the kernel-memory ledger: MemTotal split by /proc/meminfo into free,"
                    + " user, page cache, shmem, slab, kernel stacks, page tables, vmalloc, percpu, ... and unaccounted"
                    + " (MemTotal minus every other line: pages no counter names, the classic page leak), each with"
                    + " its size, rate and \u0394 since the start; g d c n sort it, Enter shows a line's formula")
            .hint("/", "filter", 3).key("/",
                    "filter caches by a regular expression on name and aliases (Enter applies, Esc clears)",
                    Command.FILTER, c('/'))
            .hint("g", "growth", 1).sort('g', "sort by growth rate (RATE, the default)")
            .sort('d', "sort by change since start or the last z (\u0394 START)")
            .hint("c", "size", 2).sort('c', "sort by cache size (SIZE)")
            .sort('a', "sort by active objects")
            .sort('o', "sort by objects")
            .sort('b', "sort by objects per slab")
            .sort('l', "sort by slabs")
            .sort('v', "sort by active slabs")
            .sort('p', "sort by pages per slab")
            .sort('s', "sort by object size")
            .sort('u', "sort by utilisation (USE)")
            .sort('n', "sort by name")
            .key("<  >", "move the sort to the column on the left / right (each sort key says its column and order)",
                    Command.SORT_LEFT, c('<'))
            .also(Command.SORT_RIGHT, c('>'))
            .key("r", "reverse the sort order", Command.REVERSE, c('r'))
            .key("space", "pause / resume the display (sampling goes on); replaying a series (--series): pause /"
                    + " resume the replay", Command.PAUSE, c(' '))
            .key(".", "replaying a series: one sample forward (and pause)", Command.STEP, c('.'))
            .key("G", "replaying a series: play the rest at once and show its end", Command.TO_END, c('G'))
            .key("+  -", "longer / shorter refresh interval (" + Intervals.range()
                    + "); a warning when too long for the horizon to flag a leak", Command.LONGER, c('+'), c('='))
            .also(Command.SHORTER, c('-'))
            .key("z", "reset the baseline: \u0394 START counts from now", Command.RESET_BASELINE, c('z'))
            .hint("k", "scan", 6).key("k", "kmemleak scan, in the background; the result shows in the status line",
                    Command.SCAN, c('k'))
            .hint("C", "clear", 7).key("C", "kmemleak clear (asks y/n first; only when it can run, else it says why"
                    + " and the y or n typed next does nothing)", Command.CLEAR, c('C'))
            .hint("S", "snapshot", 4).key("S", "save a snapshot of the live state into the snapshot directory"
                    + " (--snapshot-dir), in the background; the status line shows the path written, or why it"
                    + " could not be", Command.SNAPSHOT, c('S'))
            .hint("D", "diff", 5).key("D", "diff the live state against a saved snapshot: pick one from the list"
                    + " (newest first, with host and age) and Enter shows what grew as a table, largest \u0394 SIZE"
                    + " first; there d c g n a sort (\u0394 size, new size, rate, name, objects), < > r move and"
                    + " reverse the sort, / filters, Esc goes back to the list and Esc again to the caches; the ages"
                    + " in the list move while it is shown", Command.DIFF_LIST, c('D'))
            .hint("Tab", "pane", 8).key("Tab", "move the focus between the table and the side pane", Command.FOCUS,
                    k(Kind.TAB), k(Kind.BACKTAB))
            .key("Enter", "details of the selected cache, kmemleak group or OOM event", Command.DETAILS, k(Kind.ENTER))
            .key("Esc", "back (from details, help, the pane, a question)", Command.BACK, k(Kind.ESCAPE))
            .key("\u2191 \u2193 PgUp PgDn", "move the selection / scroll", Command.UP, k(Kind.UP))
            .also(Command.DOWN, k(Kind.DOWN))
            .also(Command.PAGE_UP, k(Kind.PAGE_UP))
            .also(Command.PAGE_DOWN, k(Kind.PAGE_DOWN))
            .key("Home  End", "first / last line", Command.HOME, k(Kind.HOME))
            .also(Command.END, k(Kind.END))
            // handled before any mode (ScreenState.handle) and by the terminal (SIGTSTP)
            .key("Ctrl-L", "redraw the whole screen", null)
            .key("Ctrl-Z", "suspend (fg brings the screen back)", null)
            .build();

    /** Text shown whole (help, details): scrolled, closed with Esc (and h or ? on the help). */
    public static final KeyTable TEXT = new Builder()
            .hint("\u2191\u2193 PgUp PgDn", "scroll", 1).moves()
            .hint("Esc", "back", 2).also(Command.BACK, k(Kind.ESCAPE), k(Kind.BACKSPACE))
            .hint("q", "quit", 3).also(Command.QUIT, c('q'))
            .also(Command.HELP, c('h'), c('?'))
            .build();

    /** The list of saved snapshots {@code D} shows: Enter compares the chosen one with the live state. */
    public static final KeyTable PICK = new Builder()
            .hint("\u2191\u2193", "choose", 1).moves()
            .hint("Enter", "diff against the live state", 2).also(Command.DETAILS, k(Kind.ENTER))
            .hint("Esc", "back", 3).also(Command.BACK, k(Kind.ESCAPE), k(Kind.BACKSPACE))
            .hint("q", "quit", 4).also(Command.QUIT, c('q'))
            .build();

    /**
     * The diff of a snapshot against the live state: the live table's sort letters where the
     * diff has a like column (g RATE, d Δ SIZE, c NEW SIZE, n, a and o Δ OBJS).
     */
    public static final KeyTable DIFF = new Builder()
            .hint("q", "quit", 10).key(null, null, Command.QUIT, c('q'))
            .hint("?", "help", 9).also(Command.HELP, c('h'), c('?'))
            .hint("/", "filter", 7).also(Command.FILTER, c('/'))
            .hint("< > r", "sort", 6).also(Command.SORT_LEFT, c('<'))
            .also(Command.SORT_RIGHT, c('>'))
            .also(Command.REVERSE, c('r'))
            .hint("g", "rate", 3).sort('g', DiffColumn.RATE, null)
            .hint("d", "\u0394 size", 1).sort('d', DiffColumn.DELTA, null)
            .hint("c", "new size", 2).sort('c', DiffColumn.NEW, null)
            .hint("n", "name", 4).sort('n', DiffColumn.NAME, null)
            .hint("a", "objs", 5).sort('a', DiffColumn.DELTA_OBJS, null)
            .sort('o', DiffColumn.DELTA_OBJS, null)
            .hint("Esc", "list", 8).also(Command.BACK, k(Kind.ESCAPE), k(Kind.BACKSPACE))
            .moves()
            .build();
}
