package dev.kleaktop.view;

import dev.kleaktop.analysis.CacheRow;
import dev.kleaktop.session.Frame;
import dev.kleaktop.view.table.TableSpec;
import java.util.List;

/** The slab caches ({@link Column#SPEC}): the screen's first view. */
public final class CacheTable extends ScreenTable<CacheRow, Column> {
    public static final CacheTable VIEW = new CacheTable();

    private CacheTable() {}

    @Override
    public String name() { return "caches"; }

    @Override
    public String noun() { return "cache"; }

    @Override
    public TableSpec<CacheRow, Column> spec() { return Column.SPEC; }

    @Override
    public List<CacheRow> rows(Frame f) { return f.analysis().rows(); }

    @Override
    public Object id(CacheRow row) { return row.id(); }

    @Override
    public boolean alert(CacheRow row) { return row.leakSuspect(); }

    @Override
    public String noRows(Frame f) { return "no slab caches to show"; }

    @Override
    public String detailsTitle(CacheRow row) { return Details.cacheTitle(row); }

    @Override
    public List<String> details(CacheRow row, Frame f, Glyphs g) {
        return Details.cache(row, f.analysis().windowS(), g);
    }

    @Override
    public String goneTitle(Object id) { return "cache " + id; }

    @Override
    public List<String> gone(Object id) {
        return List.of("This cache is no longer in /proc/slabinfo (it was destroyed).", "Esc returns to the table.");
    }
}
