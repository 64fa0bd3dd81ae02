package dev.kleaktop.analysis;

/**
 * A least-squares line through (t, y) points: slope per second, the span of t it covers,
 * the number of points and the coefficient of determination (1 for a perfect line, and
 * also 1 for a flat series, which a line fits exactly).
 */
public record Fit(double slope, double span, int points, double r2, double first, double last) {

    /** Accumulates points; t is in seconds (any origin), y in any unit. */
    static final class Acc {
        private int n;
        private double st, sy, stt, sty, syy;
        private double first = Double.NaN, last = Double.NaN;
        private double tMin = Double.POSITIVE_INFINITY, tMax = Double.NEGATIVE_INFINITY;
        /** y of the first point added; sums are of y - y0, which leaves slope and r2 unchanged. */
        private double y0 = Double.NaN;

        void add(double t, double y) {
            if (n == 0) y0 = y;
            n++;
            // Relative to the first value, a flat series sums to exact zeros: raw sums of large
            // sizes at irregular times leave a rounding residue (a slope of 1e-10 B/s).
            double v = y - y0;
            st += t;
            sy += v;
            stt += t * t;
            sty += t * v;
            syy += v * v;
            if (t < tMin) { tMin = t; first = y; }
            if (t >= tMax) { tMax = t; last = y; }
        }

        /** The fit, or null with fewer than two points or no elapsed time (rate unknown). */
        Fit fit() {
            if (n < 2) return null;
            double dt = n * stt - st * st;
            if (dt <= 0 || tMax <= tMin) return null;
            double cov = n * sty - st * sy;
            double slope = cov / dt;
            double dy = n * syy - sy * sy;
            double r2 = dy <= 0 ? 1.0 : (cov * cov) / (dt * dy);
            return new Fit(slope, tMax - tMin, n, Math.min(1.0, Math.max(0.0, r2)), first, last);
        }
    }
}
