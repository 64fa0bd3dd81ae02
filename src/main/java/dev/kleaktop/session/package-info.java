/**
 * A session: what the command line asked to read ({@link dev.kleaktop.session.SessionConfig})
 * and the one {@link dev.kleaktop.session.Collector} that reads it, for the screen, batch and
 * export alike: one sampling loop, the kernel log and kmemleak each followed once, immutable
 * {@link dev.kleaktop.session.Frame}s out. Also the use cases on top of it that are not words
 * (taking snapshots). Below the views: imports model, source, analysis and store, never view.
 */
package dev.kleaktop.session;
