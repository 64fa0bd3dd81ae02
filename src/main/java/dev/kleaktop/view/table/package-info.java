/**
 * The one table model of the screen and the batch outputs, free of any row type: a
 * {@link dev.kleaktop.view.table.ColumnSpec} declares a column once (title, cell text, raw
 * value and its SPEC field name, sort order and {@code -s} name, width policy), a
 * {@link dev.kleaktop.view.table.TableSpec} puts a table's columns in their orders (screen,
 * fields, narrow-terminal drops, sort keys), a {@link dev.kleaktop.view.table.Table} holds
 * the sort and filter applied to its rows and a {@link dev.kleaktop.view.table.ListCursor}
 * the selection and scroll of any list on the screen. The cache table and the diff table are
 * two specs of it; the painters and writers that turn a spec into text live in {@code view}
 * and {@code view.batch}. Nothing here imports the packages above it.
 */
package dev.kleaktop.view.table;
