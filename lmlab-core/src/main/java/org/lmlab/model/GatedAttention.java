package org.lmlab.model;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.lmlab.nn.HookPoint;
import org.lmlab.nn.Linear;
import org.lmlab.nn.Role;

/**
 * Gated attention (Qiu et al. 2025, "Gated Attention for Large Language Models: Non-linearity, Sparsity, and
 * Attention-Sink-Free", §2.2): a data-dependent gate computed from the block's normed input X,
 * <pre>
 *   Y' = Y ⊙ act(X W_θ)       (multiplicative, the paper's choice; act = sigmoid, SiLU as ablation)
 *   Y' = Y + act(X W_θ)       (additive ablation)
 * </pre>
 * applied at one position: G1 the SDPA output of each head (before concatenation and W_O — the paper's best),
 * G2 the values, G3 the keys, G4 the queries, G5 the output after W_O. Elementwise: W_θ maps d → H·d_head (one
 * score per channel); headwise: d → H (one score per head and query, broadcast over the head's channels; at G5
 * over the output channels split in H groups). No normalization is added on the gate.
 *
 * <p>Hook point {@code gate_scores}: the gate scores act(X W_θ) as [B, H, T, 1] (headwise) or [B, H, T, d_head]
 * (elementwise) — what the gate-sparsity statistics read.
 */
public final class GatedAttention extends Attention {
    private final AttentionSpec spec;
    private final Linear gateProj;
    private final HookPoint gate;

    public GatedAttention(DecoderConfig c, Rope rope) {
        super(c, rope);
        this.spec = c.attention();
        long width = spec.gateGranularity() == AttentionSpec.GateGranularity.HEADWISE ? nHeads : (long) c.dModel();
        this.gateProj = child("gate", new Linear(c.dModel(), width, false, c.initStd(), Role.MATRIX));
        this.gate = hookPoint("gate_scores");
    }

    /** act(X W_θ) as [B, H, T, 1] or [B, H, T, d_head]. */
    private Tensor scores(Tensor x) {
        long b = x.size(0);
        long t = x.size(1);
        Tensor pre = gateProj.forward(x);
        Tensor act = spec.gateActivation() == AttentionSpec.GateActivation.SIGMOID ? torch.sigmoid(pre)
                : torch.silu(pre);
        long per = spec.gateGranularity() == AttentionSpec.GateGranularity.HEADWISE ? 1 : headDim;
        return gate.apply(act.view(b, t, nHeads, per).transpose(1, 2));
    }

    private Tensor apply(Tensor y, Tensor g) {
        return spec.gateAdditive() ? y.add(g) : y.mul(g);
    }

    @Override
    protected Tensor[] gateQkv(Tensor x, Tensor q, Tensor k, Tensor v) {
        return switch (spec.gatePosition()) {
            case G2 -> new Tensor[] {q, k, apply(v, scores(x))};
            case G3 -> new Tensor[] {q, apply(k, scores(x)), v};
            case G4 -> new Tensor[] {apply(q, scores(x)), k, v};
            default -> new Tensor[] {q, k, v};
        };
    }

    @Override
    protected Tensor gateHeads(Tensor x, Tensor zs) {
        return spec.gatePosition() == AttentionSpec.GatePosition.G1 ? apply(zs, scores(x)) : zs;
    }

    @Override
    protected Tensor gateOut(Tensor x, Tensor out) {
        if (spec.gatePosition() != AttentionSpec.GatePosition.G5) {
            return out;
        }
        long b = out.size(0);
        long t = out.size(1);
        // The output channels in H groups of d_head, gated like heads: [B, H, T, d_h] ⊙ g, then back.
        Tensor grouped = out.view(b, t, nHeads, headDim).transpose(1, 2);
        return apply(grouped, scores(x)).transpose(1, 2).reshape(b, t, (long) nHeads * headDim);
    }
}
