package org.lmlab.probe.hessian;

import org.bytedeco.pytorch.Tensor;

/**
 * |cos(∇L, v₁)| = |∇L · v₁| / (‖∇L‖ ‖v₁‖): how well the gradient aligns with the Hessian's top eigenvector — the
 * mechanism of "How Does Sharpness-Aware Minimization Minimize Sharpness?" (Wen, Ma, Li 2022, §4): full-batch SAM
 * oscillates across the valley along v₁, so this tends to 1 along its trajectory. NaN when either vector is zero.
 */
public final class GradientAlignment {
    private GradientAlignment() {}

    public static double cosine(Tensor gradient, Tensor v1) {
        double denom = gradient.norm().item_double() * v1.norm().item_double();
        return denom == 0 ? Double.NaN : Math.abs(gradient.dot(v1).item_double()) / denom;
    }
}
