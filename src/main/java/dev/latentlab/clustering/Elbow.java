package dev.latentlab.clustering;

/**
 * Finds the elbow of a decreasing error-vs-K curve: the point farthest from the straight line between the
 * first and last points after both axes are scaled to [0, 1] (the "kneedle" idea of Satopää et al., 2011).
 */
public final class Elbow {
    private Elbow() {
    }

    /** Index of the elbow point; 0 for fewer than three points. */
    public static int index(double[] k, double[] error) {
        if (k.length != error.length) {
            throw new IllegalArgumentException("k and error lengths differ");
        }
        int n = k.length;
        if (n < 3) {
            return 0;
        }
        double kMin = min(k), kSpan = max(k) - kMin;
        double eMin = min(error), eSpan = max(error) - eMin;
        if (kSpan == 0 || eSpan == 0) {
            return 0;
        }
        double x0 = (k[0] - kMin) / kSpan, y0 = (error[0] - eMin) / eSpan;
        double x1 = (k[n - 1] - kMin) / kSpan, y1 = (error[n - 1] - eMin) / eSpan;
        double dx = x1 - x0, dy = y1 - y0;
        double length = Math.hypot(dx, dy);
        int best = 0;
        double bestDistance = -1;
        for (int i = 0; i < n; i++) {
            double x = (k[i] - kMin) / kSpan, y = (error[i] - eMin) / eSpan;
            double distance = Math.abs(dy * (x - x0) - dx * (y - y0)) / length;
            if (distance > bestDistance) {
                bestDistance = distance;
                best = i;
            }
        }
        return best;
    }

    private static double min(double[] v) {
        double m = Double.POSITIVE_INFINITY;
        for (double x : v) {
            m = Math.min(m, x);
        }
        return m;
    }

    private static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            m = Math.max(m, x);
        }
        return m;
    }
}
