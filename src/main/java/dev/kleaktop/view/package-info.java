/**
 * Toolkit-free presentation: the column definitions (title, comparator, formatter), the
 * table state (sort, filter), human units and escaping of untrusted kernel strings, and the
 * interactive screen's state, layout and text (keys, side pane, help, details, the snapshot
 * pick list and diff table) without any terminal library. The screen and the batch writers
 * both draw through it, so they agree on every figure.
 */
package dev.kleaktop.view;
