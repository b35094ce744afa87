package org.lmlab.probe.hessian;

import org.bytedeco.pytorch.Tensor;

/**
 * Hutchinson's trace estimator (Hutchinson 1989): for Rademacher z (entries ±1 with probability ½),
 * E[zᵀ A z] = Tr A, so Tr A ≈ (1/S) Σ_s z_sᵀ A z_s, with standard error sd(z_sᵀ A z_s)/√S. S products of A.
 *
 * @param trace    the estimate
 * @param stdError standard error of the mean over the S probes (NaN for S = 1)
 * @param samples  S
 */
public record Hutchinson(double trace, double stdError, int samples) {

    public static Hutchinson estimate(SymmetricOperator a, int samples, long seed) {
        if (samples < 1) {
            throw new IllegalArgumentException("need at least one probe vector");
        }
        RandomVectors rng = new RandomVectors(seed, a.options());
        double[] q = new double[samples];
        double sum = 0;
        for (int s = 0; s < samples; s++) {
            Tensor z = rng.rademacher(a.dim());
            q[s] = z.dot(a.apply(z)).item_double();
            sum += q[s];
        }
        double mean = sum / samples;
        double ss = 0;
        for (double x : q) {
            ss += (x - mean) * (x - mean); // two passes: no cancellation when every sample is equal
        }
        double var = samples > 1 ? ss / (samples - 1) : Double.NaN;
        return new Hutchinson(mean, Math.sqrt(var / samples), samples);
    }
}
