package dev.kleaktop.view;

/**
 * A one-line chart of a cache's recent sizes (the TREND column): each point becomes one
 * level of the glyph ramp, scaled between the lowest and highest point shown. A missing
 * point is a blank, so a cache that just appeared does not look flat.
 */
public final class Sparkline {
    private Sparkline() {}

    /**
     * @param trend points oldest first, {@code -1} for a missing one (as {@code CacheRow.trend()})
     * @param width columns; the newest points are kept when there are more points than columns
     */
    public static String render(long[] trend, int width, Glyphs g) {
        if (width <= 0) return "";
        StringBuilder b = new StringBuilder(width);
        int n = trend == null ? 0 : trend.length;
        int from = Math.max(0, n - width);
        for (int i = n - from; i < width; i++) b.append(' ');
        long min = Long.MAX_VALUE, max = Long.MIN_VALUE;
        for (int i = from; i < n; i++) {
            if (trend[i] < 0) continue;
            min = Math.min(min, trend[i]);
            max = Math.max(max, trend[i]);
        }
        String ramp = g.ramp();
        int top = ramp.length() - 1;
        for (int i = from; i < n; i++) {
            long v = trend[i];
            if (v < 0) {
                b.append(' ');
            } else if (max == min) {
                // A flat line sits at the bottom: no growth is the normal state, not half-full.
                b.append(ramp.charAt(0));
            } else {
                int level = (int) Math.round((double) (v - min) * top / (max - min));
                b.append(ramp.charAt(level));
            }
        }
        return b.toString();
    }
}
