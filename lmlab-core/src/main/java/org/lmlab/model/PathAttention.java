package org.lmlab.model;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.lmlab.nn.HookPoint;
import org.lmlab.nn.Init;
import org.lmlab.nn.Linear;
import org.lmlab.nn.Parameter;
import org.lmlab.nn.Role;
import org.lmlab.tensor.Tensors;

/**
 * PaTH attention (Yang, Shen, Wen et al. 2025, "PaTH Attention: Position Encoding via Accumulating Householder
 * Transformations", §2–3): softmax attention whose logits pass through data-dependent Householder-like
 * transitions instead of a position encoding,
 * <pre>
 *   u_t = x_t A B                                 (low-rank projection, d → rank → H·d_h)
 *   w_t = normalize_per_head(Σ_{s=0}^{K−1} c_s ⊙ u_{t−s})   (short causal depthwise convolution, then L2 norm)
 *   β_t = 2 σ(x_t W_β + b_β) ∈ (0, 2)             (per head; β &gt; 1 gives negative eigenvalues, intended)
 *   logit(i, j) = q_iᵀ (H_i ⋯ H_{j+1}) k_j / √d_h,   H_t = I − β_t w_t w_tᵀ      ({@link PathLogits})
 *   + Σ_{s=j+1..i} log σ(f_s)                      (optional FoX forget gate, f_t = x_t W_f + b_f per head)
 * </pre>
 * then the causal softmax. The logits use the chunked UT/WY form. β = 0 makes every H_t = I: attention without
 * position encoding. Hook point {@code beta}: β [B, H, T].
 *
 * <p>Decoding ({@link #decode}) keeps each cached key transformed: when token t arrives, every cached key becomes
 * k ← k − β_t (w_tᵀ k) w_t, so a query meets H_t ⋯ H_{j+1} k_j with one dot product.
 */
public final class PathAttention extends Attention {
    private final AttentionSpec spec;
    private final Linear wDown;
    private final Linear wUp;
    private final Parameter conv;
    private final Linear betaProj;
    private final Linear forget;
    private final HookPoint beta;

    public PathAttention(DecoderConfig c, Rope rope) {
        super(c, rope);
        this.spec = c.attention();
        int inner = c.dModel();
        this.wDown = child("w_down", new Linear(c.dModel(), spec.pathRank(), false, c.initStd(), Role.MATRIX));
        this.wUp = child("w_up", new Linear(spec.pathRank(), inner, false, c.initStd(), Role.MATRIX));
        // Depthwise taps act channel by channel like a norm's gain (not decayed, not a matrix to precondition);
        // tap 0 (the current token) starts at 1, the others small, so w_t starts near the token's own direction.
        Tensor taps = Init.normal(0.1, inner, spec.pathConv());
        taps.select(1, 0).fill_(Tensors.s(1.0));
        this.conv = parameter("w_conv", taps, Role.GAIN);
        this.betaProj = child("beta_proj", new Linear(c.dModel(), c.nHeads(), true, c.initStd(), Role.MATRIX));
        // FoX: the forget bias starts at 3 (σ ≈ 0.95), so attention is not forced local at initialization.
        this.forget = spec.pathForget() ? child("forget", new Linear(c.dModel(), c.nHeads(), true, c.initStd(), Role.MATRIX))
                : null;
        if (forget != null) {
            forget.bias().tensor().detach().fill_(Tensors.s(3.0));
        }
        this.beta = hookPoint("beta");
    }

    /** w [B, H, T, d_h] from the convolved low-rank projection u [B, T, H·d_h] (already padded on the left). */
    private Tensor directions(Tensor uPadded, long t) {
        int width = spec.pathConv();
        Tensor taps = conv.tensor();
        Tensor sum = null;
        for (int s = 0; s < width; s++) {
            // Tap s multiplies u_{t−s}: the window starting width−1−s places into the padded sequence.
            Tensor shifted = Tensors.slice(uPadded, 1, width - 1 - s, width - 1 - s + t).mul(taps.select(1, s));
            sum = sum == null ? shifted : sum.add(shifted);
        }
        Tensor w = sum.view(sum.size(0), t, nHeads, headDim).transpose(1, 2);
        return w.div(w.norm(new org.bytedeco.pytorch.ScalarOptional(Tensors.s(2.0)), new long[] {-1}, true).clamp_min(Tensors.s(1e-12)));
    }

    private Tensor betas(Tensor x) {
        return beta.apply(torch.sigmoid(betaProj.forward(x)).mul(Tensors.s(2.0)).transpose(1, 2));
    }

    /** c_t = Σ_{s≤t} log σ(f_s) as [B, H, T]; logit(i, j) gains c_i − c_j. */
    private Tensor forgetCumsum(Tensor x) {
        return torch.log_sigmoid(forget.forward(x)).transpose(1, 2).cumsum(-1);
    }

    @Override
    protected Tensor logits(Tensor x, Tensor q, Tensor k) {
        long t = x.size(1);
        Tensor u = torch.constant_pad_nd(wUp.forward(wDown.forward(x)), new long[] {0, 0, spec.pathConv() - 1, 0},
                Tensors.s(0.0));
        Tensor w = directions(u, t);
        Tensor scaled = q.mul(Tensors.s(1.0 / Math.sqrt(headDim)));
        Tensor logits = PathLogits.chunked(scaled, k, w, betas(x), spec.pathChunk());
        if (forget != null) {
            Tensor c = forgetCumsum(x);
            logits = logits.add(c.unsqueeze(-1)).sub(c.unsqueeze(-2));
        }
        return logits;
    }

    /** A new, empty decoding cache for this layer. */
    public PathCache newCache() {
        return new PathCache();
    }

    /**
     * One decoding step: x [B, 1, d] (the block's normed input for the next token) → [B, 1, d], updating the cache.
     * Equals the last row of {@link #forward} on the whole prefix.
     */
    public Tensor decode(Tensor x, PathCache cache) {
        long b = x.size(0);
        Tensor heads = qkv().forward(x).view(b, 1, 3, nHeads, headDim).permute(2, 0, 3, 1, 4);
        Tensor q = heads.select(0, 0).mul(Tensors.s(1.0 / Math.sqrt(headDim)));
        Tensor k = heads.select(0, 1);
        Tensor v = heads.select(0, 2);
        Tensor u = wUp.forward(wDown.forward(x));
        if (cache.u == null) {
            cache.u = torch.constant_pad_nd(u, new long[] {0, 0, spec.pathConv() - 1, 0}, Tensors.s(0.0));
        } else {
            cache.u = torch.cat(new TensorVector(Tensors.slice(cache.u, 1, 1, spec.pathConv()), u), 1);
        }
        Tensor w = directions(cache.u, 1);                               // [B, H, 1, d_h]
        Tensor bt = betas(x).unsqueeze(-1);                              // [B, H, 1, 1]
        if (cache.keys == null) {
            cache.keys = k;
            cache.values = v;
        } else {
            // Every cached key crosses H_t = I − β_t w_t w_tᵀ before the new key joins untransformed.
            Tensor moved = cache.keys.sub(cache.keys.matmul(w.transpose(-2, -1)).mul(bt).matmul(w));
            cache.keys = torch.cat(new TensorVector(moved, k), 2);
            cache.values = torch.cat(new TensorVector(cache.values, v), 2);
        }
        Tensor logits = q.matmul(cache.keys.transpose(-2, -1));         // [B, H, 1, t]
        if (forget != null) {
            Tensor step = torch.log_sigmoid(forget.forward(x)).transpose(1, 2);   // [B, H, 1]
            Tensor total = cache.forget == null ? step : cache.forget.select(-1, cache.forget.size(-1) - 1)
                    .unsqueeze(-1).add(step);
            cache.forget = cache.forget == null ? total : torch.cat(new TensorVector(cache.forget, total), -1);
            logits = logits.add(total.unsqueeze(-1)).sub(cache.forget.unsqueeze(-2));
        }
        Tensor z = logits.softmax(-1).matmul(cache.values);              // [B, H, 1, d_h]
        return o().forward(z.transpose(1, 2).reshape(b, 1, (long) nHeads * headDim));
    }

    /** Per-layer decoding state: transformed keys, values, the conv window of u, the forget cumsum. */
    public static final class PathCache {
        private Tensor keys;
        private Tensor values;
        private Tensor u;
        private Tensor forget;

        /** Tokens cached so far. */
        public long length() {
            return keys == null ? 0 : keys.size(2);
        }
    }
}
