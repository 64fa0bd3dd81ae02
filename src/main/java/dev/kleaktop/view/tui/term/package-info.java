/**
 * The terminal's plumbing under the screen: the tty's modes and size through JLine's native
 * library (or stty), the Lanterna terminal over the tty, job control (Ctrl-Z) and signals.
 * Nothing here knows what the screen shows.
 */
package dev.kleaktop.view.tui.term;
