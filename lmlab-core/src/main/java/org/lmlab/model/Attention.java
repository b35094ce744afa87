package org.lmlab.model;

import org.bytedeco.pytorch.DoubleOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.lmlab.nn.HookPoint;
import org.lmlab.nn.Linear;
import org.lmlab.nn.Module;
import org.lmlab.nn.Role;
import org.lmlab.tensor.Tensors;

/**
 * Causal multi-head self-attention (Vaswani et al. 2017, §3.2):
 * <pre>
 *   [q, k, v] = x W_qkvᵀ,  q, k ← rope(q), rope(k)
 *   A_h = softmax(q_h k_hᵀ / √d_h + causal mask),  z_h = A_h v_h,  out = concat_h(z_h) W_oᵀ
 * </pre>
 * One computation, two paths: the fused {@code scaled_dot_product_attention} kernel (fast, never materializes
 * A) and explicit weights (A exists as a tensor, so probes can read or edit it at hook point {@code pattern}).
 * They agree to float rounding; the explicit path is taken whenever {@code pattern} is hooked.
 * q, k, v come from one [3·d, d] matrix (one matmul); the Hugging Face export splits it.
 * Hook points: {@code pattern} [B, H, T, T] (explicit path only) and {@code z} [B, H, T, d_h].
 */
public final class Attention extends Module implements org.lmlab.nn.Layer {
    private final int nHeads;
    private final int headDim;
    private final DecoderConfig.AttentionImpl impl;
    private final Rope rope;
    private final Linear qkv;
    private final Linear o;
    private final HookPoint pattern;
    private final HookPoint z;

    public Attention(DecoderConfig c, Rope rope) {
        this.nHeads = c.nHeads();
        this.headDim = c.headDim();
        this.impl = c.attnImpl();
        this.rope = rope;
        this.qkv = child("qkv", new Linear(c.dModel(), 3L * c.dModel(), c.bias(), c.initStd(), Role.MATRIX));
        this.o = child("o", new Linear(c.dModel(), c.dModel(), c.bias(),
                c.initStd() / Math.sqrt(2.0 * c.nLayers()), Role.MATRIX));
        this.pattern = hookPoint("pattern");
        this.z = hookPoint("z");
    }

    /** x: [B, T, d] → [B, T, d]. */
    @Override
    public Tensor forward(Tensor x) {
        long b = x.size(0);
        long t = x.size(1);
        // [B, T, 3d] → [3, B, H, T, d_h]
        Tensor heads = qkv.forward(x).view(b, t, 3, nHeads, headDim).permute(2, 0, 3, 1, 4);
        Tensor q = heads.select(0, 0);
        Tensor k = heads.select(0, 1);
        Tensor v = heads.select(0, 2);
        if (rope != null) {
            q = rope.apply(q, 0);
            k = rope.apply(k, 0);
        }
        Tensor zs = useExplicit(x) ? explicit(q, k, v) : fused(q, k, v);
        zs = z.apply(zs);
        return o.forward(zs.transpose(1, 2).reshape(b, t, (long) nHeads * headDim));
    }

    /**
     * AUTO takes the explicit path when the pattern is hooked, and on the CPU: there libtorch 2.10's SDPA kernel
     * measured slower than the plain matmul-softmax-matmul at the reference shape (434 vs 399 ms per training
     * step, T = 128, 2 cores). On CUDA the fused kernel is the one to use.
     */
    private boolean useExplicit(Tensor x) {
        return switch (impl) {
            case EXPLICIT -> true;
            case FUSED -> false;
            case AUTO -> pattern.active() || x.device().is_cpu();
        };
    }

    private Tensor fused(Tensor q, Tensor k, Tensor v) {
        return torch.scaled_dot_product_attention(q, k, v, new TensorOptional(), 0.0, true, new DoubleOptional(), false);
    }

    private Tensor explicit(Tensor q, Tensor k, Tensor v) {
        long t = q.size(2);
        Tensor scores = q.matmul(k.transpose(-2, -1)).mul_(Tensors.s(1.0 / Math.sqrt(headDim)));
        Tensor future = torch.ones(new long[] {t, t}, Tensors.options(ScalarType.Bool, q.device())).triu(1);
        Tensor weights = scores.masked_fill_(future, Tensors.s(Double.NEGATIVE_INFINITY)).softmax(-1);
        return pattern.apply(weights).matmul(v);
    }

    public Linear qkv() {
        return qkv;
    }

    public Linear o() {
        return o;
    }
}
