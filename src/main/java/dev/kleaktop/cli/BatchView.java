package dev.kleaktop.cli;

import java.util.List;
import java.util.Locale;

/** {@code --view}: which table {@code -b} prints. */
enum BatchView {
    CACHES, LEDGER;

    static final List<String> NAMES = List.of("caches", "ledger");

    String word() { return name().toLowerCase(Locale.ROOT); }

    /** The view of {@code --view} (caches when not given); a bad word, or a view without -b, is a usage error. */
    static BatchView of(String given, boolean batch) {
        if (given == null) return CACHES;
        if (!batch) {
            throw new UsageError("--view " + given + ": for -b; on the screen the keys 1 and 2 switch between the"
                    + " caches and the ledger");
        }
        for (BatchView v : values()) if (v.word().equals(given)) return v;
        throw new UsageError("--view: " + String.join(" or ", NAMES) + ", not " + given);
    }

    /** The words of {@code --view}, for completion. */
    static final class Candidates implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() { return NAMES.iterator(); }
    }
}
