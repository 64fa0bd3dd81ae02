package dev.kleaktop.view.tui;

import dev.kleaktop.view.Glyphs;
import dev.kleaktop.view.ScreenExtras;
import dev.kleaktop.view.TableState;
import java.time.ZoneId;

/**
 * How the screen is set up.
 *
 * @param intervalS  refresh interval at start
 * @param table      sort and filter from the command line
 * @param glyphs     Unicode or ASCII symbols
 * @param color      false for {@code --no-color} / {@code NO_COLOR}: attributes only
 * @param zone       time zone of the header clock
 * @param extras     counts and side pane derived from each frame
 * @param kmemleak   what {@code k} and {@code C} do
 * @param snapshots  what {@code S} and {@code D} do
 */
public record TuiConfig(double intervalS, TableState table, Glyphs glyphs, boolean color, ZoneId zone,
                        ScreenExtras extras, KmemleakActions kmemleak, SnapshotActions snapshots) {}
