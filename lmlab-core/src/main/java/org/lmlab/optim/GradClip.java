package org.lmlab.optim;

import java.util.Collection;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.lmlab.nn.Parameter;

/** Global-norm gradient clipping: if ‖g‖₂ (over all parameters) &gt; c, scale every gradient by c / ‖g‖₂. */
public final class GradClip {
    private GradClip() {}

    /**
     * Returns the global gradient norm before clipping; clips in place when {@code maxNorm > 0}.
     * One fused norm over all gradients (libtorch's {@code clip_grad_norm_}), one host sync.
     */
    public static double clipGlobalNorm(Collection<Parameter> params, double maxNorm) {
        TensorVector grads = new TensorVector();
        for (Parameter p : params) {
            Tensor g = p.grad();
            if (g.defined()) {
                grads.push_back(p.tensor());
            }
        }
        if (grads.empty()) {
            return 0.0;
        }
        // clip_grad_norm_ with an infinite max computes the norm without scaling anything.
        double limit = maxNorm > 0 ? maxNorm : Double.POSITIVE_INFINITY;
        return torch.clip_grad_norm_(grads, limit, 2.0, false);
    }
}
