package org.lmlab.model;

import java.util.List;
import org.bytedeco.pytorch.DoubleOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.lmlab.nn.HookPoint;
import org.lmlab.nn.Linear;
import org.lmlab.nn.Module;
import org.lmlab.nn.Role;
import org.lmlab.nn.RowBlock;
import org.lmlab.tensor.SecondOrder;
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
 * Hook points: {@code pattern} [B, H, T, T] (explicit path only), {@code v} [B, H, T, d_h] (the values, read by
 * the sink probes) and {@code z} [B, H, T, d_h].
 *
 * <p>Variants ({@link AttentionSpec.Kind}) extend this class and override the protected steps: {@link #gateQkv},
 * {@link #gateHeads} and {@link #gateOut} (gated attention), {@link #logits} (PaTH), {@link #weights} (sigmoid, sink,
 * clipping). A variant that overrides {@code weights} or {@code logits} runs the explicit path only.
 */
public class Attention extends Module implements org.lmlab.nn.Layer {
    protected final int nHeads;
    protected final int headDim;
    private final DecoderConfig.AttentionImpl impl;
    private final boolean fusable;
    private final Rope rope;
    private final Linear qkv;
    private final Linear o;
    protected final HookPoint pattern;
    private final HookPoint values;
    private final HookPoint z;

    public Attention(DecoderConfig c, Rope rope) {
        this.nHeads = c.nHeads();
        this.headDim = c.headDim();
        this.impl = c.attnImpl();
        this.fusable = c.attention().plainSoftmax();
        this.rope = rope;
        // Declared as three logical matrices so that matrix-aware optimizers treat q, k, v as separate layers.
        List<RowBlock> parts = List.of(new RowBlock("q", c.dModel(), c.headDim()),
                new RowBlock("k", c.dModel(), c.headDim()), RowBlock.of("v", c.dModel()));
        this.qkv = child("qkv", new Linear(c.dModel(), 3L * c.dModel(), c.bias(), c.initStd(), Role.MATRIX, parts));
        this.o = child("o", new Linear(c.dModel(), c.dModel(), c.bias(),
                c.initStd() / Math.sqrt(2.0 * c.nLayers()), Role.MATRIX));
        this.pattern = hookPoint("pattern");
        this.values = hookPoint("v");
        this.z = hookPoint("z");
    }

    /** x: [B, T, d] → [B, T, d]. */
    @Override
    public Tensor forward(Tensor x) {
        long b = x.size(0);
        long t = x.size(1);
        // [B, T, 3d] → [3, B, H, T, d_h]
        // unbind, not select: its backward stacks the three gradients once (select's fills a zero [3, B, H, T, d_h]
        // tensor per part).
        Tensor[] split = Tensors.unbind(qkv.forward(x).view(b, t, 3, nHeads, headDim).permute(2, 0, 3, 1, 4), 0);
        Tensor[] qkvHeads = gateQkv(x, split[0], split[1], split[2]);
        Tensor q = qkvHeads[0];
        Tensor k = qkvHeads[1];
        Tensor v = values.apply(qkvHeads[2]);
        if (rope != null) {
            q = rope.apply(q, 0);
            k = rope.apply(k, 0);
        }
        Tensor zs = useExplicit(x) ? explicit(x, q, k, v) : fused(q, k, v);
        zs = z.apply(zs);
        zs = gateHeads(x, zs);
        return gateOut(x, o.forward(zs.transpose(1, 2).reshape(b, t, (long) nHeads * headDim)));
    }

    /** Gates on q, k, v ([B, H, T, d_h] each, before RoPE) from the block input x; identity here. */
    protected Tensor[] gateQkv(Tensor x, Tensor q, Tensor k, Tensor v) {
        return new Tensor[] {q, k, v};
    }

    /** Gate on the per-head outputs z [B, H, T, d_h] before the output projection; identity here. */
    protected Tensor gateHeads(Tensor x, Tensor zs) {
        return zs;
    }

    /** Gate on the projected output [B, T, d]; identity here. */
    protected Tensor gateOut(Tensor x, Tensor out) {
        return out;
    }

    /** Scaled logits q kᵀ/√d_h [B, H, T, T] (before the causal mask). PaTH replaces them. */
    protected Tensor logits(Tensor x, Tensor q, Tensor k) {
        return q.matmul(k.transpose(-2, -1)).mul_(Tensors.s(1.0 / Math.sqrt(headDim)));
    }

    /** Attention weights from logits whose future entries are −∞: the causal softmax here. */
    protected Tensor weights(Tensor maskedLogits) {
        return maskedLogits.softmax(-1);
    }

    /** The causal mask: true above the diagonal (future keys). */
    protected static Tensor futureMask(long t, org.bytedeco.pytorch.Device device) {
        return torch.ones(new long[] {t, t}, Tensors.options(ScalarType.Bool, device)).triu(1);
    }

    /**
     * AUTO takes the explicit path when the pattern is hooked, and on the CPU: there libtorch 2.10's SDPA kernel
     * measured slower than the plain matmul-softmax-matmul at the reference shape (434 vs 399 ms per training
     * step, T = 128, 2 cores). On CUDA the fused kernel is the one to use. Every setting takes the explicit path
     * inside {@link SecondOrder}: the fused kernel has no double backward.
     */
    private boolean useExplicit(Tensor x) {
        if (!fusable || SecondOrder.active()) {
            return true;
        }
        return switch (impl) {
            case EXPLICIT -> true;
            case FUSED -> false;
            case AUTO -> pattern.active() || x.device().is_cpu();
        };
    }

    private Tensor fused(Tensor q, Tensor k, Tensor v) {
        return torch.scaled_dot_product_attention(q, k, v, new TensorOptional(), 0.0, true, new DoubleOptional(), false);
    }

    private Tensor explicit(Tensor x, Tensor q, Tensor k, Tensor v) {
        Tensor scores = logits(x, q, k);
        long t = q.size(2);
        Tensor masked = q.device().is_cpu() && t <= CausalMasks.MAX_CACHED
                ? scores.add_(CausalMasks.additive(t))
                : scores.masked_fill_(futureMask(t, q.device()), Tensors.s(Double.NEGATIVE_INFINITY));
        return pattern.apply(weights(masked)).matmul(v);
    }

    public Linear qkv() {
        return qkv;
    }

    public Linear o() {
        return o;
    }
}
