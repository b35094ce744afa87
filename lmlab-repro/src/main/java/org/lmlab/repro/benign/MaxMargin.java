package org.lmlab.repro.benign;

import org.bytedeco.pytorch.Tensor;
import org.lmlab.tensor.Tensors;

/**
 * The hard-margin (max-margin) linear classifier through the origin — the implicit bias of gradient descent on the
 * logistic loss for separable data (Soudry et al. 2018) —
 * <pre>
 *   w* = argmin ‖w‖²  s.t.  yᵢ ⟨w, xᵢ⟩ ≥ 1 for all i,
 * </pre>
 * solved exactly through its dual, max_{α ≥ 0} Σᵢ αᵢ − ½ αᵀKα with K_ij = yᵢ yⱼ ⟨xᵢ, xⱼ⟩, by dual coordinate
 * ascent (each αᵢ maximized in closed form, αᵢ ← max(0, αᵢ + (1 − (Kα)ᵢ)/K_ii), Hsieh et al. 2008 without the box),
 * until the largest KKT violation is below {@code tol}; then w* = Σᵢ αᵢ yᵢ xᵢ. The loops run over the n × n Gram
 * matrix in doubles (n = 100 here); the data stay in libtorch.
 */
final class MaxMargin {
    private MaxMargin() {}

    /** The solution: the weights, the dual variables, the sweeps used and the smallest margin yᵢ⟨w, xᵢ⟩. */
    record Solution(Tensor w, double[] alpha, int sweeps, double minMargin) {}

    /** x [n, p] (float64), y [n] of ±1; fails if the data are not separable within {@code maxSweeps}. */
    static Solution solve(Tensor x, Tensor y, double tol, int maxSweeps) {
        int n = (int) x.size(0);
        Tensor z = x.mul(y.unsqueeze(1)); // rows yᵢ xᵢ
        double[] k = Tensors.toDoubles(z.matmul(z.t()));
        double[] alpha = new double[n];
        double[] kAlpha = new double[n];
        int sweep = 0;
        double violation = Double.POSITIVE_INFINITY;
        while (sweep < maxSweeps && violation > tol) {
            violation = 0;
            for (int i = 0; i < n; i++) {
                double grad = 1 - kAlpha[i];
                // Projected gradient: at αᵢ = 0 only an increase is allowed.
                double pg = alpha[i] > 0 ? Math.abs(grad) : Math.max(grad, 0);
                violation = Math.max(violation, pg);
                double next = Math.max(0, alpha[i] + grad / k[i * n + i]);
                double delta = next - alpha[i];
                if (delta != 0) {
                    alpha[i] = next;
                    for (int j = 0; j < n; j++) {
                        kAlpha[j] += delta * k[j * n + i];
                    }
                }
            }
            sweep++;
        }
        if (violation > tol) {
            throw new IllegalStateException("max-margin dual did not converge in " + maxSweeps + " sweeps (KKT "
                    + violation + "): data not separable?");
        }
        Tensor w = z.t().mv(Tensors.doubles(alpha, n));
        double minMargin = z.mv(w).min().item_double();
        return new Solution(w, alpha, sweep, minMargin);
    }
}
