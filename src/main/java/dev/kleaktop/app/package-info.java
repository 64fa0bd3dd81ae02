/**
 * Wiring of one refresh: the sources are read, the analysis runs, and an immutable
 * {@link dev.kleaktop.app.Frame} comes out for a view (screen, batch writer, exporter).
 */
package dev.kleaktop.app;
