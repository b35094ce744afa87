package org.lmlab.nn;

import org.bytedeco.pytorch.DoubleOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;

/** RMSNorm (Zhang &amp; Sennrich 2019): y = x / √(mean(x²) + ε) · γ over the last dimension, as in Llama. */
public final class RMSNorm extends Norm {
    private final long dim;
    private final double eps;
    private final Parameter gain;

    public RMSNorm(long dim, double eps) {
        this.dim = dim;
        this.eps = eps;
        this.gain = parameter("weight", Init.ones(dim), Role.GAIN);
    }

    @Override
    public Tensor forward(Tensor x) {
        return torch.rms_norm(x, new long[] {dim}, new TensorOptional(gain.tensor()), new DoubleOptional(eps));
    }
}
