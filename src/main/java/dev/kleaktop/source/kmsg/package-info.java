/**
 * The kernel log read by sequence number from {@code dev/kmsg}: {@link
 * dev.kleaktop.source.kmsg.KmsgReader} (the queue, the reader thread, the drain) over a live
 * device or a captured file, and how the end of the history present at open is told.
 */
package dev.kleaktop.source.kmsg;
