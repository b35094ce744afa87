package org.lmlab.task;

import java.util.Random;

/**
 * Samples from a Dirichlet(α_1 … α_k) (symmetric or not) by normalizing Gamma(α_i) variates, in log space: for
 * small α most Gamma(α) draws underflow a double, so each is drawn as log G = log Gamma(α+1) + log(U)/α (Marsaglia
 * &amp; Tsang's boost) and normalized with log-sum-exp.
 */
final class Dirichlet {
    private Dirichlet() {}

    static double[] sample(Random r, int k, double alpha) {
        double[] a = new double[k];
        java.util.Arrays.fill(a, alpha);
        return sample(r, a);
    }

    /** Dirichlet(α_1 … α_k); an α_i of 0 (a parent probability that underflowed) gives p_i = 0. */
    static double[] sample(Random r, double[] alpha) {
        int k = alpha.length;
        double[] logG = new double[k];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < k; i++) {
            logG[i] = alpha[i] == 0 ? Double.NEGATIVE_INFINITY
                    : Math.log(gamma(r, alpha[i] + 1)) + Math.log(1 - r.nextDouble()) / alpha[i];
            max = Math.max(max, logG[i]);
        }
        double sum = 0;
        for (int i = 0; i < k; i++) {
            logG[i] = Math.exp(logG[i] - max);
            sum += logG[i];
        }
        for (int i = 0; i < k; i++) {
            logG[i] /= sum;
        }
        return logG;
    }

    /** Gamma(a, 1) for a ≥ 1 (Marsaglia &amp; Tsang 2000). */
    static double gamma(Random r, double a) {
        double d = a - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x = r.nextGaussian();
            double v = 1 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = r.nextDouble();
            if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
    }
}
