package dev.kleaktop.analysis;

/**
 * A least-squares line through (t, y) points: slope per second, the span of t it covers,
 * the number of points and the coefficient of determination (1 for a perfect line, and
 * also 1 for a flat series, which a line fits exactly).
 */
public record Fit(double slope, double span, int points, double r2, double first, double last) {

    /**
     * What {@link Acc#add} sums of the times alone, for a run of points given once: every
     * series with a value at each of them shares these sums.
     */
    static final class Times {
        int count = -1;
        double st, stt;
        double tMin, tMax;
        int kMin, kMax;

        void of(double[] ts, int count) {
            this.count = count;
            st = 0;
            stt = 0;
            tMin = Double.POSITIVE_INFINITY;
            tMax = Double.NEGATIVE_INFINITY;
            kMin = kMax = 0;
            for (int k = 0; k < count; k++) {
                double t = ts[k];
                st += t;
                stt += t * t;
                if (t < tMin) { tMin = t; kMin = k; }
                if (t >= tMax) { tMax = t; kMax = k; }
            }
        }
    }

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

        void reset() {
            n = 0;
            st = sy = stt = sty = syy = 0;
            first = last = Double.NaN;
            tMin = Double.POSITIVE_INFINITY;
            tMax = Double.NEGATIVE_INFINITY;
            y0 = Double.NaN;
        }

        /**
         * {@link #add} of {@code values[slots[k]] * scale} at {@code ts[k]} for k below count,
         * skipping {@code missing}: the same sums in the same order, with the loop kept in
         * local variables because it runs for every cache at every refresh.
         */
        void addAll(int[] values, long scale, int missing, int[] slots, double[] ts, int count, Times times) {
            if (n == 0 && count > 0 && times.count == count && addComplete(values, scale, missing, slots, ts, count, times)) {
                return;
            }
            int n = this.n;
            double st = this.st, sy = this.sy, stt = this.stt, sty = this.sty, syy = this.syy;
            double first = this.first, last = this.last, tMin = this.tMin, tMax = this.tMax, y0 = this.y0;
            for (int k = 0; k < count; k++) {
                int raw = values[slots[k]];
                if (raw == missing) continue;
                double t = ts[k];
                double y = (double) raw * scale;
                if (n == 0) y0 = y;
                n++;
                double v = y - y0;
                st += t;
                sy += v;
                stt += t * t;
                sty += t * v;
                syy += v * v;
                if (t < tMin) { tMin = t; first = y; }
                if (t >= tMax) { tMax = t; last = y; }
            }
            this.n = n;
            this.st = st; this.sy = sy; this.stt = stt; this.sty = sty; this.syy = syy;
            this.first = first; this.last = last; this.tMin = tMin; this.tMax = tMax; this.y0 = y0;
        }

        /**
         * A series with a value at every point of the window, into an empty accumulator: the
         * sums of t are the window's, already summed in the same order; only those of y remain.
         * Returns false, having changed nothing, when a point is missing.
         */
        private boolean addComplete(int[] values, long scale, int missing, int[] slots, double[] ts, int count, Times times) {
            int raw0 = values[slots[0]];
            if (raw0 == missing) return false;
            double y0 = (double) raw0 * scale;
            double sy = 0, sty = 0, syy = 0;
            for (int k = 0; k < count; k++) {
                int raw = values[slots[k]];
                if (raw == missing) return false;
                double v = (double) raw * scale - y0;
                double t = ts[k];
                sy += v;
                sty += t * v;
                syy += v * v;
            }
            this.n = count;
            this.y0 = y0;
            this.sy = sy;
            this.sty = sty;
            this.syy = syy;
            this.st = times.st;
            this.stt = times.stt;
            this.tMin = times.tMin;
            this.tMax = times.tMax;
            this.first = (double) values[slots[times.kMin]] * scale;
            this.last = (double) values[slots[times.kMax]] * scale;
            return true;
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
