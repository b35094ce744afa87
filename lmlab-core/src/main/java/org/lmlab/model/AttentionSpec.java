package org.lmlab.model;

import org.lmlab.config.Doc;

/**
 * Which attention a decoder's blocks use, and that variant's knobs (config section {@code model.attention}).
 * Every kind is a config value, so any run, sweep or probe can switch it: {@code model.attention.kind=gated}.
 */
public record AttentionSpec(
        @Doc("the attention variant")
        Kind kind,
        @Doc("where a gated-attention gate sits (Qiu et al. 2025, \"Gated Attention for LLMs\", §2.2): " +
                "G1 after SDPA, G2 after V, G3 after K, G4 after Q, G5 after the output projection")
        GatePosition gatePosition,
        @Doc("headwise (one score per head and query) or elementwise (one per channel)")
        GateGranularity gateGranularity,
        @Doc("sigmoid (the paper's choice) or SiLU (ablation)")
        GateActivation gateActivation,
        @Doc("false: Y' = Y ⊙ act(X W_θ) (the paper's); true: Y' = Y + act(X W_θ) (ablation)")
        boolean gateAdditive,
        @Doc("rank of PaTH's low-rank w projection (d → rank → H·d_head)")
        int pathRank,
        @Doc("width of PaTH's short causal depthwise convolution over w")
        int pathConv,
        @Doc("chunk length of PaTH's chunked UT/WY computation (O(L·C·d + L²·d))")
        int pathChunk,
        @Doc("whether PaTH adds the FoX forget gate Σ log σ(f_s) to its logits")
        boolean pathForget,
        @Doc("replace every RMSNorm of the residual stream by RMSNorm(x) ⊙ σ(x A B) (the sinks paper's " +
                "explicit rescaling of the residual stream)")
        boolean gatedNorm,
        @Doc("rank of that norm gate's low-rank projection")
        int gatedNormRank) {

    /**
     * Attention kinds (config value {@code model.attention.kind}): softmax (the baseline {@link Attention}),
     * gated ({@link GatedAttention}), sigmoid ({@link SigmoidAttention}: no normalization), sink
     * ({@link SinkAttention}: a learnable per-head sink logit with a zero value), clipped ({@link ClippedAttention}:
     * the first token's logit clipped to the largest other one), path ({@link PathAttention}).
     */
    public enum Kind { SOFTMAX, GATED, SIGMOID, SINK, CLIPPED, PATH }

    /** Gate positions of the gated-attention paper (Fig. 1): G1 after SDPA … G5 after W_O. */
    public enum GatePosition { G1, G2, G3, G4, G5 }

    /** One gate score per head and query, or one per channel. */
    public enum GateGranularity { HEADWISE, ELEMENTWISE }

    /** The gate's nonlinearity. */
    public enum GateActivation { SIGMOID, SILU }

    public AttentionSpec {
        if (kind == null || gatePosition == null || gateGranularity == null || gateActivation == null) {
            throw new IllegalArgumentException("attention.kind and the gate settings must be set");
        }
        if (pathRank <= 0 || pathConv <= 0 || pathChunk <= 0 || gatedNormRank <= 0) {
            throw new IllegalArgumentException("attention.path_rank, path_conv, path_chunk and gated_norm_rank must be > 0");
        }
    }

    /** Softmax attention; G1 headwise sigmoid gates when gated; PaTH rank 16, conv 3, chunk 64, no forget gate. */
    public static AttentionSpec defaults() {
        return new AttentionSpec(Kind.SOFTMAX, GatePosition.G1, GateGranularity.HEADWISE, GateActivation.SIGMOID,
                false, 16, 3, 64, false, false, 16);
    }

    /** The default knobs with another kind. */
    public static AttentionSpec of(Kind kind) {
        return defaults().withKind(kind);
    }

    public AttentionSpec withKind(Kind k) {
        return new AttentionSpec(k, gatePosition, gateGranularity, gateActivation, gateAdditive, pathRank, pathConv,
                pathChunk, pathForget, gatedNorm, gatedNormRank);
    }

    /** A gated-attention spec at {@code position} with {@code granularity}. */
    public AttentionSpec withGate(GatePosition position, GateGranularity granularity) {
        return new AttentionSpec(Kind.GATED, position, granularity, gateActivation, gateAdditive, pathRank, pathConv,
                pathChunk, pathForget, gatedNorm, gatedNormRank);
    }

    public AttentionSpec withGateActivation(GateActivation a, boolean additive) {
        return new AttentionSpec(kind, gatePosition, gateGranularity, a, additive, pathRank, pathConv, pathChunk,
                pathForget, gatedNorm, gatedNormRank);
    }

    public AttentionSpec withPath(int rank, int conv, int chunk, boolean forget) {
        return new AttentionSpec(kind, gatePosition, gateGranularity, gateActivation, gateAdditive, rank, conv, chunk,
                forget, gatedNorm, gatedNormRank);
    }

    public AttentionSpec withGatedNorm(boolean on) {
        return new AttentionSpec(kind, gatePosition, gateGranularity, gateActivation, gateAdditive, pathRank, pathConv,
                pathChunk, pathForget, on, gatedNormRank);
    }

    /** Whether the computation is plain softmax attention, so the fused SDPA kernel may compute it. */
    public boolean plainSoftmax() {
        return kind == Kind.SOFTMAX || kind == Kind.GATED;
    }
}
