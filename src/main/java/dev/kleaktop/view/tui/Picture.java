package dev.kleaktop.view.tui;

import com.googlecode.lanterna.TerminalPosition;
import dev.kleaktop.view.Drawn;

/**
 * What composing the screen gave: where the terminal's cursor goes (the filter input) or null
 * to hide it, and what the draw fit, for the state to take in ({@code ScreenState.drawn}).
 */
record Picture(TerminalPosition cursor, Drawn drawn) {}
