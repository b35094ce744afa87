package org.lmlab.probe.hessian;

import org.bytedeco.pytorch.Tensor;

/**
 * Eigenvalues in descending order and their unit eigenvectors as the rows of {@code vectors} [k, D].
 *
 * @param values     λ₁ ≥ λ₂ ≥ … ≥ λ_k
 * @param vectors    row i is the eigenvector of λ_i (unit length)
 * @param iterations operator applications used
 */
public record EigenPairs(double[] values, Tensor vectors, int iterations) {
    public double top() {
        return values[0];
    }

    /** The eigenvector of λ_i, a 1-D view. */
    public Tensor vector(int i) {
        return vectors.select(0, i);
    }
}
