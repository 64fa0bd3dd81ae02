package dev.kleaktop.view;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The sort keys of {@code -s} and of the screen: SPEC's names and slabtop's one-letter keys
 * with slabtop's meaning. One table serves both, as in slabtop.
 */
public final class SortKey {
    private static final Map<String, Column> KEYS = new LinkedHashMap<>();

    static {
        KEYS.put("growth", Column.RATE);
        KEYS.put("delta", Column.DELTA);
        KEYS.put("size", Column.SIZE);
        KEYS.put("objs", Column.OBJS);
        KEYS.put("active", Column.ACTIVE);
        KEYS.put("name", Column.NAME);
        KEYS.put("objsize", Column.OBJSIZE);
        KEYS.put("use", Column.USE);
        KEYS.put("slabs", Column.SLABS);
        // slabtop's letters
        KEYS.put("a", Column.ACTIVE);
        KEYS.put("b", Column.OBJPERSLAB);
        KEYS.put("c", Column.SIZE);
        KEYS.put("l", Column.SLABS);
        KEYS.put("v", Column.ACTIVE_SLABS);
        KEYS.put("n", Column.NAME);
        KEYS.put("o", Column.OBJS);
        KEYS.put("p", Column.PAGESPERSLAB);
        KEYS.put("s", Column.OBJSIZE);
        KEYS.put("u", Column.USE);
        // kleaktop's own letters on the screen
        KEYS.put("g", Column.RATE);
        KEYS.put("d", Column.DELTA);
    }

    private SortKey() {}

    public static Optional<Column> parse(String key) {
        return key == null ? Optional.empty() : Optional.ofNullable(KEYS.get(key));
    }

    /** Every accepted key, for --help, completions and the man page. */
    public static Iterable<String> names() { return KEYS.keySet(); }

    /** The canonical long name of a column used as a sort key, e.g. {@code growth}. */
    public static String nameOf(Column c) {
        if (c.sortName() != null) return c.sortName();
        for (Map.Entry<String, Column> e : KEYS.entrySet()) {
            if (e.getValue() == c) return e.getKey();
        }
        return c.name().toLowerCase(java.util.Locale.ROOT);
    }
}
