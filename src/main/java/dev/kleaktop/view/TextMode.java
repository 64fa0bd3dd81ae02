package dev.kleaktop.view;

import dev.kleaktop.analysis.CacheRow;
import dev.kleaktop.model.CacheId;
import dev.kleaktop.session.Frame;
import dev.kleaktop.view.table.ListCursor;
import java.util.List;
import java.util.Optional;

/**
 * A full-screen text view (help, the details of a cache or a pane item, a report) and its
 * scroll. A cache's details are looked up in each new frame by the cache's id.
 */
public final class TextMode {
    private CacheId cache;
    private String title = "";
    private List<String> lines = List.of();
    private final ListCursor cursor = new ListCursor();

    /** Fixed text. */
    void show(String t, List<String> l) {
        cache = null;
        title = t;
        lines = List.copyOf(l);
        cursor.reset();
    }

    /** The details of a live cache. */
    void showCache(CacheId id) {
        cache = id;
        cursor.reset();
    }

    /** Help, from the top. */
    void reset() { cursor.reset(); }

    void close() {
        cache = null;
        cursor.reset();
    }

    void scroll(int delta) { cursor.scroll(delta); }

    int page() { return cursor.page(); }

    /** The rows the last draw had and the lines under them. */
    void window(int rows, int count) { cursor.window(rows, count); }

    /** The first line on screen when {@code rows} of {@code count} lines fit (what {@link #window} will make it). */
    public int topFor(int rows, int count) { return cursor.topFor(rows, count); }

    public boolean isCache() { return cache != null; }

    public CacheId cacheId() { return cache; }

    /** The cache of the details, looked up in {@code frame} (it may have gone). */
    public Optional<CacheRow> cache(Frame frame) {
        if (cache == null || frame == null) return Optional.empty();
        for (CacheRow r : frame.analysis().rows()) {
            if (r.id().equals(cache)) return Optional.of(r);
        }
        return Optional.empty();
    }

    public String title() { return title; }

    public List<String> lines() { return lines; }

    public int top() { return cursor.top(); }
}
