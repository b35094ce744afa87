package org.lmlab.model;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.lmlab.nn.Init;
import org.lmlab.nn.Parameter;
import org.lmlab.nn.Role;
import org.lmlab.tensor.Tensors;

/**
 * Sigmoid attention — the sinks paper's "remove the normalization" intervention (Qiu, Huang, Wen et al. 2026,
 * "Attention and Residual Sinks: Outlier-driven Rescaling", §4): each weight is its own sigmoid, no row sums to one,
 * <pre>
 *   A_ij = σ(q_i·k_j/√d_h + b_h)  for j ≤ i,   A_ij = 0 for j &gt; i
 * </pre>
 * with a learned per-head bias b_h initialised to −log T_max, so that at initialization a row's total weight is
 * about one, as in softmax (Ramapuram et al. 2024, "Theory, Analysis, and Best Practices for Sigmoid
 * Self-Attention", §3). Without normalization the model needs no sink to do nothing: all-small weights suffice.
 */
public final class SigmoidAttention extends Attention {
    private final Parameter bias;

    public SigmoidAttention(DecoderConfig c, Rope rope) {
        super(c, rope);
        this.bias = parameter("bias", Init.ones(1, c.nHeads(), 1, 1).mul_(Tensors.s(-Math.log(c.maxSeqLen()))),
                Role.BIAS);
    }

    @Override
    protected Tensor weights(Tensor maskedLogits) {
        // Future logits are −∞, so σ makes them exactly 0.
        return torch.sigmoid(maskedLogits.add(bias.tensor()));
    }
}
