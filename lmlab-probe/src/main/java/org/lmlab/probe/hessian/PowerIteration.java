package org.lmlab.probe.hessian;

import org.bytedeco.pytorch.Tensor;
import org.lmlab.tensor.Tensors;

/**
 * The dominant eigenpair by power iteration: v ← A v / ‖A v‖, λ = vᵀ A v (Rayleigh quotient), from a seeded
 * Gaussian start, until |λ_t − λ_{t−1}| ≤ tol · |λ_t| or {@code maxIters} products. It finds the eigenvalue of
 * largest <em>magnitude</em>; near a minimum that is λ_max of the Hessian (negative curvature, if any, is small).
 * Convergence is linear in |λ₂/λ₁|: use {@link Lanczos} when the top of the spectrum is crowded.
 */
public final class PowerIteration {
    private PowerIteration() {}

    public static EigenPairs top(SymmetricOperator a, int maxIters, double tol, long seed) {
        Tensor v = new RandomVectors(seed, a.options()).unit(a.dim());
        double lambda = Double.NaN;
        int it = 0;
        while (it < maxIters) {
            Tensor av = a.apply(v);
            it++;
            double next = v.dot(av).item_double();
            double norm = av.norm().item_double();
            if (norm == 0) {
                return new EigenPairs(new double[] {0}, v.unsqueeze(0), it);
            }
            v = av.div_(Tensors.s(norm));
            boolean done = Math.abs(next - lambda) <= tol * Math.abs(next);
            lambda = next;
            if (done) {
                break;
            }
        }
        // The last normalized iterate is a better eigenvector than the one the quotient was taken at.
        double rq = v.dot(a.apply(v)).item_double();
        return new EigenPairs(new double[] {rq}, v.unsqueeze(0), it + 1);
    }
}
