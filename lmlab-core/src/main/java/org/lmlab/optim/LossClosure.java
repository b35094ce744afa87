package org.lmlab.optim;

import org.bytedeco.pytorch.Tensor;

/**
 * Recomputes the loss at the current parameters and accumulates its gradients into them (calls
 * {@code backward}), returning the loss. Plain optimizers call it once per step; SAM calls it twice
 * (at the ascent point and back), Sophia adds Hessian-vector products — one contract for all.
 *
 * <p>The closure must start from zero gradients only if the optimizer asks for it: {@link Optimizer#step}
 * clears gradients before each call.
 */
@FunctionalInterface
public interface LossClosure {
    Tensor compute();
}
