package org.lmlab.nn;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * A gated RMSNorm for the residual stream — the sinks paper's explicit alternative to a residual sink (Qiu, Huang,
 * Wen et al. 2026, "Attention and Residual Sinks: Outlier-driven Rescaling", §5):
 * <pre>
 *   y = RMSNorm(x) ⊙ σ(x A B),   A: d → r, B: r → d   (low rank r)
 * </pre>
 * A residual sink is a few huge dimensions that dominate the RMS and so rescale every other dimension down; here a
 * token-dependent gate can do that rescaling directly. The choice (the paper leaves the form open): a low-rank
 * gate from the un-normalized input, sigmoid, multiplied after the gain; B starts at zero so the gate starts at ½
 * everywhere and the gradient decides where to close it.
 */
public final class GatedRMSNorm extends Norm {
    private final RMSNorm norm;
    private final Linear down;
    private final Linear up;

    public GatedRMSNorm(long dim, int rank, double eps, double std) {
        this.norm = child("norm", new RMSNorm(dim, eps));
        this.down = child("gate_down", new Linear(dim, rank, false, std, Role.MATRIX));
        this.up = child("gate_up", new Linear(rank, dim, false, 0.0, Role.MATRIX));
    }

    @Override
    public Tensor forward(Tensor x) {
        return norm.forward(x).mul(torch.sigmoid(up.forward(down.forward(x))));
    }
}
