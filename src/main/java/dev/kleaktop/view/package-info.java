/**
 * Toolkit-free presentation: the two tables' column specs ({@code Column}, {@code DiffColumn},
 * over the model of {@code view.table}) and how a table fits the screen ({@code TableFormat}),
 * human units and escaping of untrusted kernel strings, and the
 * interactive screen's state, layout and text (keys, side pane, help, details, the snapshot
 * pick list and diff table) without any terminal library. The screen and the batch writers
 * both draw through it, so they agree on every figure.
 */
package dev.kleaktop.view;
