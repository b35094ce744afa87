package org.lmlab.probe.scaling;

/**
 * The data-scaling fit of a baseline optimizer at one model size, L(D) = α·D^(−B) + β, and the speedup it
 * defines ("Fantastic Pretraining Optimizers and Where to Find Them", §4.1): an optimizer reaching loss L with D
 * data has effective data D_eff = ((L − β)/α)^(−1/B) — the baseline data needed for the same loss — and speedup
 * D_eff / D. A loss at or below β is beyond anything the baseline reaches: the speedup is undefined and flagged.
 *
 * <p>Fitting: least squares in L over the given points. For fixed B the model is linear in (α, β), solved in closed
 * form; B is found by golden-section search on the residual over (0, {@value #MAX_B}] after a coarse scan (the
 * residual can have several local minima for 3–4 points).
 *
 * @param alpha α
 * @param b     B, the data exponent
 * @param beta  β, the loss the baseline approaches with unlimited data
 * @param rss   residual sum of squares of the fit
 */
public record DataScalingFit(double alpha, double b, double beta, double rss) {
    private static final double MAX_B = 4.0;

    /** Fits L(D) over ≥ 3 points (D in any unit, e.g. multiples of Chinchilla-optimal data). */
    public static DataScalingFit fit(double[] d, double[] loss) {
        if (d.length != loss.length || d.length < 3) {
            throw new IllegalArgumentException("need >= 3 (D, L) points, got " + d.length);
        }
        int scan = 400;
        double bestB = Double.NaN;
        double bestRss = Double.POSITIVE_INFINITY;
        for (int i = 1; i <= scan; i++) {
            double b = MAX_B * i / scan;
            double r = solve(d, loss, b)[2];
            if (r < bestRss) {
                bestRss = r;
                bestB = b;
            }
        }
        double lo = Math.max(1e-6, bestB - MAX_B / scan);
        double hi = Math.min(MAX_B, bestB + MAX_B / scan);
        double g = (Math.sqrt(5) - 1) / 2;
        for (int it = 0; it < 200; it++) {
            double x1 = hi - g * (hi - lo);
            double x2 = lo + g * (hi - lo);
            if (solve(d, loss, x1)[2] < solve(d, loss, x2)[2]) {
                hi = x2;
            } else {
                lo = x1;
            }
        }
        double b = (lo + hi) / 2;
        double[] ab = solve(d, loss, b);
        return new DataScalingFit(ab[0], b, ab[1], ab[2]);
    }

    /** The fitted loss at data D. */
    public double loss(double d) {
        return alpha * Math.pow(d, -b) + beta;
    }

    /** D_eff for a loss L, or NaN when L ≤ β (undefined). */
    public double effectiveData(double l) {
        return l <= beta ? Double.NaN : Math.pow((l - beta) / alpha, -1 / b);
    }

    /** D_eff(L) / D, or NaN when L ≤ β (undefined: flag it, never clip). */
    public double speedup(double l, double d) {
        return effectiveData(l) / d;
    }

    /** Least squares of L = α·x + β with x = D^(−B): returns {α, β, rss}. */
    private static double[] solve(double[] d, double[] loss, double b) {
        int n = d.length;
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < n; i++) {
            double x = Math.pow(d[i], -b);
            sx += x;
            sy += loss[i];
            sxx += x * x;
            sxy += x * loss[i];
        }
        double den = n * sxx - sx * sx;
        double alpha = den == 0 ? 0 : (n * sxy - sx * sy) / den;
        double beta = (sy - alpha * sx) / n;
        double rss = 0;
        for (int i = 0; i < n; i++) {
            double e = alpha * Math.pow(d[i], -b) + beta - loss[i];
            rss += e * e;
        }
        return new double[] {alpha, beta, rss};
    }
}
