/**
 * Toolkit-free presentation: the column definitions (title, comparator, formatter), the
 * table state (sort, filter), human units and escaping of untrusted kernel strings. The
 * screen and the batch writers both draw through it, so they agree on every figure.
 */
package dev.kleaktop.view;
