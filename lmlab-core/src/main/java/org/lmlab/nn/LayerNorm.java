package org.lmlab.nn;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;

/** LayerNorm: y = (x − mean) / √(var + ε) · γ (+ β), over the last dimension; var is the biased variance. */
public final class LayerNorm extends Norm {
    private final long dim;
    private final double eps;
    private final Parameter gain;
    private final Parameter bias;

    public LayerNorm(long dim, boolean bias, double eps) {
        this.dim = dim;
        this.eps = eps;
        this.gain = parameter("weight", Init.ones(dim), Role.GAIN);
        this.bias = bias ? parameter("bias", Init.zeros(dim), Role.BIAS) : null;
    }

    @Override
    public Tensor forward(Tensor x) {
        TensorOptional b = bias == null ? new TensorOptional() : new TensorOptional(bias.tensor());
        return torch.layer_norm(x, new long[] {dim}, new TensorOptional(gain.tensor()), b, eps, true);
    }
}
