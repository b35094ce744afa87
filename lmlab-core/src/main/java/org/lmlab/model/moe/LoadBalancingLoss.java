package org.lmlab.model.moe;

import org.bytedeco.pytorch.Tensor;
import org.lmlab.tensor.Tensors;

/**
 * The load-balancing loss of a top-K router (Switch Transformer, Fedus et al. 2022, eq. 4; in the form of Qiu et
 * al. 2025, "Demons in the Detail: On Implementing Load Balancing Loss for Training Specialized Mixture-of-Expert
 * Models", §2):
 * <pre>
 *   LBL = α · E · Σᵢ fᵢ · Pᵢ,    fᵢ = countᵢ / (K · T),    Pᵢ = (1/T_local) Σ_{tokens t} softmax(router(x_t))ᵢ
 * </pre>
 * countᵢ is how many of the T tokens chose expert i among their top K, so Σᵢ fᵢ = 1 and LBL = α at perfect
 * balance (fᵢ = Pᵢ = 1/E). fᵢ is a constant (no gradient: the top-K choice is not differentiable); the gradient
 * flows through Pᵢ only. Under global balancing the counts (and T) cover a whole balance group while P stays the
 * local micro-batch mean — since LBL is linear in P, summing the micro-batch losses gives the global-batch
 * gradient ({@link GlobalBatchBalanceLoss}).
 */
public final class LoadBalancingLoss {
    private LoadBalancingLoss() {}

    /**
     * fᵢ = countᵢ / (K·T), detached.
     *
     * @param counts [E] token-to-expert assignment counts (any numeric dtype)
     * @param tokens T, tokens the counts were taken over
     */
    public static Tensor frequencies(Tensor counts, double tokens, int topK) {
        // Integer counts would divide into float32; f is formed in float64 and cast to P's dtype by the caller.
        return counts.detach().to(org.bytedeco.pytorch.global.torch.ScalarType.Double).div(Tensors.s(topK * tokens));
    }

    /**
     * α·E·Σᵢ fᵢ·Pᵢ with f from {@code counts} over {@code tokens} tokens.
     *
     * @param meanProbs [E] mean router probabilities P of the local tokens (carries the gradient)
     */
    public static Tensor of(double alpha, Tensor counts, double tokens, int topK, Tensor meanProbs) {
        long experts = meanProbs.size(0);
        Tensor f = frequencies(counts, tokens, topK).to(meanProbs.scalar_type());
        return f.mul(meanProbs).sum().mul(Tensors.s(alpha * experts));
    }
}
