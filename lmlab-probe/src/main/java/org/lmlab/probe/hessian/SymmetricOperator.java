package org.lmlab.probe.hessian;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.lmlab.tensor.Tensors;

/**
 * A symmetric linear map v ↦ A v on flat vectors of length {@link #dim()} — what the spectral estimators
 * ({@link PowerIteration}, {@link Lanczos}, {@link Hutchinson}) need, whether A is a Hessian reached through
 * Hessian-vector products ({@link HessianOperator}) or an explicit matrix (tests).
 */
public interface SymmetricOperator {
    /** The dimension D (A is D × D). */
    long dim();

    /** A v for a 1-D tensor v of length D with {@link #options()}; returns a new tensor. */
    Tensor apply(Tensor v);

    /** dtype and device of the vectors this operator takes. */
    TensorOptions options();

    /** An explicit symmetric matrix as an operator. */
    static SymmetricOperator ofMatrix(Tensor a) {
        if (a.dim() != 2 || a.size(0) != a.size(1)) {
            throw new IllegalArgumentException("need a square matrix");
        }
        return new SymmetricOperator() {
            @Override
            public long dim() {
                return a.size(0);
            }

            @Override
            public Tensor apply(Tensor v) {
                return a.mv(v);
            }

            @Override
            public TensorOptions options() {
                return Tensors.options(a.scalar_type(), a.device());
            }
        };
    }
}
