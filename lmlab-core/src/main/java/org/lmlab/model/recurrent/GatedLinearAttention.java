package org.lmlab.model.recurrent;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.lmlab.nn.HookPoint;
import org.lmlab.nn.Layer;
import org.lmlab.nn.Linear;
import org.lmlab.nn.Module;
import org.lmlab.nn.Role;
import org.lmlab.tensor.Tensors;

/**
 * Gated linear attention (Yang et al. 2024, "Gated Linear Attention Transformers with Hardware-Efficient
 * Training", §4.1), single head, as the linear-recurrent member of the RNN family of Wen, Dang and Lyu 2024:
 * <pre>
 *   q_t = W_q x_t / √d_k,  k_t = W_k x_t,  v_t = W_v x_t,  α_t = σ(W_α x_t + b_α)^{1/τ}  (τ = 16)
 *   S_t = diag(α_t) S_{t−1} + k_t v_tᵀ          (S ∈ R^{d_k × d}, S_0 = 0)
 *   o_t = S_tᵀ q_t,   out_t = W_o (rms(o_t) ⊙ SiLU(W_r x_t))
 * </pre>
 * The state S holds d_k·d numbers; d_k is the state-size knob. The recurrence is run step by step (T tensor ops
 * on [B, d_k, d]); equivalently o_t = Σ_{s≤t} (q_t ⊙ Π_{s<u≤t} α_u)·k_s v_s, the parallel form the tests check it
 * against. rms is a gain-free RMS normalization (GLA normalizes each head's output before the gate).
 * Hook point {@code o}: o_t, [B, T, d].
 */
public final class GatedLinearAttention extends Module implements Layer {
    static final double TAU = 16.0;
    private final long keyDim;
    private final Linear q;
    private final Linear k;
    private final Linear v;
    private final Linear gate;
    private final Linear r;
    private final Linear out;
    private final HookPoint oPoint;

    public GatedLinearAttention(long dim, long keyDim, double std, double outStd) {
        this.keyDim = keyDim;
        this.q = child("q", new Linear(dim, keyDim, false, std, Role.MATRIX));
        this.k = child("k", new Linear(dim, keyDim, false, std, Role.MATRIX));
        this.v = child("v", new Linear(dim, dim, false, std, Role.MATRIX));
        this.gate = child("alpha", new Linear(dim, keyDim, true, std, Role.MATRIX));
        this.r = child("r", new Linear(dim, dim, false, std, Role.MATRIX));
        this.out = child("out", new Linear(dim, dim, false, outStd, Role.MATRIX));
        this.oPoint = hookPoint("o");
    }

    /** x: [B, T, d] → [B, T, d]. */
    @Override
    public Tensor forward(Tensor x) {
        Tensor qs = q.forward(x).mul(Tensors.s(1.0 / Math.sqrt(keyDim)));
        Tensor ks = k.forward(x);
        Tensor vs = v.forward(x);
        Tensor alpha = torch.log_sigmoid(gate.forward(x)).div(Tensors.s(TAU)).exp();
        Tensor o = oPoint.apply(recur(qs, ks, vs, alpha));
        Tensor normed = o.mul(o.pow(Tensors.s(2.0)).mean(new long[] {-1}, true, new org.bytedeco.pytorch.ScalarTypeOptional()).add(Tensors.s(1e-6)).rsqrt());
        return out.forward(normed.mul(torch.silu(r.forward(x))));
    }

    /** The recurrence S_t = diag(α_t) S_{t−1} + k_t v_tᵀ, o_t = S_tᵀ q_t over t = 0..T−1. */
    static Tensor recur(Tensor q, Tensor k, Tensor v, Tensor alpha) {
        long t = q.size(1);
        Tensor s = torch.zeros(new long[] {q.size(0), q.size(2), v.size(2)}, q.options());
        TensorVector outs = new TensorVector();
        // unbind once, not select per step: each select's backward fills a zero tensor of the whole sequence.
        Tensor[] qs = Tensors.unbind(q, 1);
        Tensor[] ks = Tensors.unbind(k, 1);
        Tensor[] vs = Tensors.unbind(v, 1);
        Tensor[] alphas = Tensors.unbind(alpha, 1);
        for (int i = 0; i < t; i++) {
            s = s.mul(alphas[i].unsqueeze(2)).add(ks[i].unsqueeze(2).mul(vs[i].unsqueeze(1)));
            outs.push_back(qs[i].unsqueeze(1).matmul(s).squeeze(1));
        }
        return torch.stack(outs, 1);
    }

    public long keyDim() {
        return keyDim;
    }
}
