package dev.kleaktop.view;

import dev.kleaktop.analysis.CacheRow;
import dev.kleaktop.view.table.Table;

/**
 * Sort and filter state of the cache table ({@link Column#SPEC}): the screen, batch mode and
 * the export apply the same state to the same rows. Only names the types; the state and its
 * sort are {@link Table}'s.
 */
public final class TableState extends Table<CacheRow, Column> {
    public TableState() {
        super(Column.SPEC);
    }

    @Override
    public TableState sortBy(Column c) {
        super.sortBy(c);
        return this;
    }

    @Override
    public TableState reverse() {
        super.reverse();
        return this;
    }

    @Override
    public TableState reversed(boolean r) {
        super.reversed(r);
        return this;
    }

    @Override
    public TableState filter(String regex) {
        super.filter(regex);
        return this;
    }

    @Override
    public TableState moveSort(int step) {
        super.moveSort(step);
        return this;
    }
}
