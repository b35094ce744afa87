package org.lmlab.probe.moe;

/**
 * Expert load from a [D][E] table of routing counts: the frequencies fᵢ = Σ_d c[d][i] / Σ c (the f of the
 * load-balancing loss, Qiu et al. 2025 §2) and the max load max_i fᵢ·E, which is 1 at perfect balance and E when
 * one expert takes every assignment.
 */
public final class ExpertUtilization {
    private ExpertUtilization() {}

    public static double[] frequencies(long[][] counts) {
        int e = counts[0].length;
        double[] f = new double[e];
        double total = 0;
        for (long[] row : counts) {
            for (int i = 0; i < e; i++) {
                f[i] += row[i];
                total += row[i];
            }
        }
        for (int i = 0; i < e; i++) {
            f[i] = total == 0 ? 0 : f[i] / total;
        }
        return f;
    }

    /** max_i fᵢ · E. */
    public static double maxLoad(long[][] counts) {
        double[] f = frequencies(counts);
        double max = 0;
        for (double v : f) {
            max = Math.max(max, v);
        }
        return max * f.length;
    }
}
