package dev.kleaktop.view.tui;

/** How a piece of text on the screen is shown; colours only when enabled, attributes always. */
enum Style { PLAIN, BOLD, REVERSE, TITLE, ALERT, ERROR, TAG, SORTED }
