package org.lmlab.model;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.lmlab.nn.HookPoint;
import org.lmlab.nn.Init;
import org.lmlab.nn.Parameter;
import org.lmlab.nn.Role;
import org.lmlab.tensor.Tensors;

/**
 * Softmax attention with a learnable sink — the sinks paper's "absorb the outlier into parameters" intervention
 * (Qiu, Huang, Wen et al. 2026, "Attention and Residual Sinks: Outlier-driven Rescaling", §5): every head h has one
 * extra key whose logit is a learned scalar s_h and whose value vector is exactly zero,
 * <pre>
 *   [A_i, p_i] = softmax([q_i·k_1/√d_h, …, q_i·k_i/√d_h, s_h]),   z_i = Σ_j A_ij v_j  (+ p_i · 0)
 * </pre>
 * so (1 − p_i) acts as an explicit gate and no real token has to serve as the no-op. Hook point {@code sink}:
 * p [B, H, T], the weight on the sink; {@code pattern} holds the weights on real tokens (rows sum to 1 − p).
 */
public final class SinkAttention extends Attention {
    private final Parameter sinkLogit;
    private final HookPoint sink;

    public SinkAttention(DecoderConfig c, Rope rope) {
        super(c, rope);
        this.sinkLogit = parameter("sink_logit", Init.zeros(1, c.nHeads(), 1, 1), Role.BIAS);
        this.sink = hookPoint("sink");
    }

    @Override
    protected Tensor weights(Tensor maskedLogits) {
        long b = maskedLogits.size(0);
        long t = maskedLogits.size(2);
        Tensor s = sinkLogit.tensor().expand(b, nHeads, t, 1);
        Tensor all = torch.cat(new TensorVector(maskedLogits, s), -1).softmax(-1);
        sink.apply(all.select(-1, t));
        return Tensors.slice(all, -1, 0, t);
    }
}
