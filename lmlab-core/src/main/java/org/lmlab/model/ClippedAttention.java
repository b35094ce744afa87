package org.lmlab.model;

import org.bytedeco.pytorch.LongOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.lmlab.tensor.Tensors;

/**
 * Softmax attention whose first-token (BOS) logit is clipped inside the forward pass, at training and at
 * evaluation — the sinks paper's "clip the outlier but keep the normalization" intervention (Qiu, Huang, Wen et
 * al. 2026, "Attention and Residual Sinks: Outlier-driven Rescaling", §4):
 * <pre>
 *   l'_{i,0} = min(l_{i,0}, max_{1≤j≤i} l_{i,j})   for i ≥ 1,   then the causal softmax
 * </pre>
 * The first token can never be the single largest logit, so it cannot become a sink that takes nearly all the
 * weight; the gradient flows through min and max (the clip is part of the model, not a post-hoc edit).
 */
public final class ClippedAttention extends Attention {
    public ClippedAttention(DecoderConfig c, Rope rope) {
        super(c, rope);
    }

    @Override
    protected Tensor weights(Tensor maskedLogits) {
        long t = maskedLogits.size(-1);
        Tensor first = maskedLogits.select(-1, 0);
        Tensor rest = Tensors.slice(maskedLogits, -1, 1, t);
        Tensor ninf = torch.full_like(first, Tensors.s(Double.NEGATIVE_INFINITY));
        // Query 0 sees only the first token: no other logit to clip against, so it stays.
        Tensor others = t > 1 ? rest.amax(new long[] {-1}, false) : ninf;
        Tensor clipped = torch.where(others.eq(Tensors.s(Double.NEGATIVE_INFINITY)), first,
                torch.minimum(first, others));
        return torch.cat(new TensorVector(clipped.unsqueeze(-1), rest), -1).softmax(-1);
    }
}
