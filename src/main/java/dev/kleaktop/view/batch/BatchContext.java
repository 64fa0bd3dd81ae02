package dev.kleaktop.view.batch;

import java.time.ZoneId;

/**
 * What the writers need besides the frame: the requested interval, the time zone for
 * clock times and how many rows text output shows (0 = all).
 */
public record BatchContext(double intervalS, ZoneId zone, int maxRows) {}
