/** Pure functions and bounded state over samples: rates over the window, the leak rule, diffs. */
package dev.kleaktop.analysis;
