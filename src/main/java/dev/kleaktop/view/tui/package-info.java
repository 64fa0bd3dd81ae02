/**
 * The interactive screen, and the only code that uses Lanterna: the terminal set-up and
 * restore, the loop that reads keys and draws, the drawing of {@link dev.kleaktop.view.ScreenState}
 * and the threads that sample and run kmemleak or snapshot work off the drawing thread.
 */
package dev.kleaktop.view.tui;
