package org.lmlab.model;

import org.lmlab.config.Doc;
import org.lmlab.nn.Mlp;
import org.lmlab.nn.Norm;

/**
 * The shape of a causal decoder LM. Later capabilities (attention variants, MoE, recurrent mixers) extend this
 * record with new kinds; every field keeps a default so old configs stay valid.
 */
public record DecoderConfig(
        @Doc("tokens in the vocabulary")
        int vocabSize,
        @Doc("residual stream width")
        int dModel,
        @Doc("attention heads (dModel must be divisible by it)")
        int nHeads,
        @Doc("transformer blocks")
        int nLayers,
        @Doc("feed-forward hidden width; 0 picks 4·dModel for GELU and 8/3·dModel rounded up to 64 for " +
                "SwiGLU")
        int dFf,
        @Doc("longest sequence the position encoding is prepared for")
        int maxSeqLen,
        @Doc("normalization of the pre-norm blocks and the final norm")
        Norm.Kind norm,
        @Doc("feed-forward kind")
        Mlp.Kind mlp,
        @Doc("position encoding: rope, none, or learned (an absolute position embedding added to the " +
                "tokens', initialized to sinusoids)")
        Position position,
        @Doc("RoPE base frequency θ")
        double ropeTheta,
        @Doc("whether the output head reuses the embedding matrix")
        boolean tiedHead,
        @Doc("whether linear layers (and LayerNorm) have biases")
        boolean bias,
        @Doc("ε of the norms")
        double normEps,
        @Doc("std of weight init; output projections use initStd/√(2·nLayers)")
        double initStd,
        @Doc("attention path: fused SDPA, explicit weights, or auto (fused unless a probe hooks the " +
                "pattern)")
        AttentionImpl attnImpl,
        @Doc("attention variant and its knobs (softmax, gated, sigmoid, sink, clipped, PaTH)")
        AttentionSpec attention,
        @Doc("feed-forward of the blocks: dense MLP, mixture of experts, or none")
        FeedForwardSpec ffn,
        @Doc("sequence mixer of the blocks: attention, a recurrent layer (gru, lstm, gla), or a hybrid stack")
        MixerSpec mixer,
        @Doc("binary-coded token ids embedded as a linear map of their bits (set by tasks with vector inputs)")
        BinaryInput binaryInput) {

    /**
     * Position encoding kind (config value {@code model.position}): rotary, none, or learned absolute embeddings
     * initialized to sinusoids ({@link LearnedPositions}).
     */
    public enum Position { ROPE, NONE, LEARNED }

    /** Which attention computation to run (config value {@code model.attn_impl}). */
    public enum AttentionImpl { AUTO, FUSED, EXPLICIT }

    public DecoderConfig {
        if (vocabSize <= 0 || dModel <= 0 || nHeads <= 0 || nLayers <= 0 || maxSeqLen <= 0) {
            throw new IllegalArgumentException("vocab_size, d_model, n_heads, n_layers and max_seq_len must be > 0");
        }
        if (dModel % nHeads != 0) {
            throw new IllegalArgumentException("d_model (" + dModel + ") must be divisible by n_heads (" + nHeads + ")");
        }
        if (position == Position.ROPE && (dModel / nHeads) % 2 != 0) {
            throw new IllegalArgumentException("rope needs an even head dimension, got " + dModel / nHeads);
        }
        if (dFf < 0) {
            throw new IllegalArgumentException("d_ff must be >= 0 (0 = automatic)");
        }
        if (attention == null) {
            attention = AttentionSpec.defaults();
        }
        if (attention.kind() == AttentionSpec.Kind.PATH && position != Position.NONE) {
            throw new IllegalArgumentException("attention.kind=path is itself the position encoding: set position: none");
        }
        ffn = ffn == null ? FeedForwardSpec.defaults() : ffn;
        mixer = mixer == null ? MixerSpec.defaults() : mixer;
        binaryInput = binaryInput == null ? BinaryInput.none() : binaryInput;
        if (binaryInput.idsNeeded() > vocabSize) {
            throw new IllegalArgumentException("model.binary_input needs ids up to " + binaryInput.idsNeeded()
                    + " but vocab_size is " + vocabSize);
        }
        for (int layer : mixer.attentionLayers()) {
            if (layer < 0 || layer >= nLayers) {
                throw new IllegalArgumentException("model.mixer.attention_layers: no layer " + layer + " in "
                        + nLayers + " layers");
            }
        }
    }

    /**
     * Ids the head predicts: all of them, except that a block of binary-coded ids at the top of the vocabulary is
     * input only (vectors to read, never a next token), so the head stops below it — a 2^bits-way softmax over ids
     * that are never targets would cost as much as the body at small widths.
     */
    public int outputVocab() {
        return binaryInput.enabled() && binaryInput.idsNeeded() == vocabSize ? binaryInput.offset() : vocabSize;
    }

    /** The shape before binary-coded inputs existed. */
    public DecoderConfig(int vocabSize, int dModel, int nHeads, int nLayers, int dFf, int maxSeqLen, Norm.Kind norm,
            Mlp.Kind mlp, Position position, double ropeTheta, boolean tiedHead, boolean bias, double normEps,
            double initStd, AttentionImpl attnImpl, AttentionSpec attention, FeedForwardSpec ffn, MixerSpec mixer) {
        this(vocabSize, dModel, nHeads, nLayers, dFf, maxSeqLen, norm, mlp, position, ropeTheta, tiedHead, bias,
                normEps, initStd, attnImpl, attention, ffn, mixer, BinaryInput.none());
    }

    /** The shape before attention variants, feed-forward and mixer kinds existed. */
    public DecoderConfig(int vocabSize, int dModel, int nHeads, int nLayers, int dFf, int maxSeqLen, Norm.Kind norm,
            Mlp.Kind mlp, Position position, double ropeTheta, boolean tiedHead, boolean bias, double normEps,
            double initStd, AttentionImpl attnImpl) {
        this(vocabSize, dModel, nHeads, nLayers, dFf, maxSeqLen, norm, mlp, position, ropeTheta, tiedHead, bias,
                normEps, initStd, attnImpl, AttentionSpec.defaults(), FeedForwardSpec.defaults(),
                MixerSpec.defaults());
    }

    /** The reference model of the benchmarks: Llama-shaped, vocab 512, d 256, 4 heads, 4 layers. */
    public static DecoderConfig defaults() {
        return new DecoderConfig(512, 256, 4, 4, 0, 128, Norm.Kind.RMSNORM, Mlp.Kind.SWIGLU, Position.ROPE,
                10000.0, false, false, 1e-5, 0.02, AttentionImpl.AUTO, AttentionSpec.defaults(),
                FeedForwardSpec.defaults(), MixerSpec.defaults());
    }

    public int headDim() {
        return dModel / nHeads;
    }

    /** The feed-forward width actually used. */
    public int ffWidth() {
        if (dFf > 0) {
            return dFf;
        }
        if (mlp == Mlp.Kind.SWIGLU) {
            int w = (int) Math.ceil(8.0 * dModel / 3.0);
            return (w + 63) / 64 * 64;
        }
        return 4 * dModel;
    }

    /** Whether this is the Llama architecture (RMSNorm, SwiGLU, RoPE, no biases), exportable to Hugging Face. */
    public boolean llamaShaped() {
        return norm == Norm.Kind.RMSNORM && mlp == Mlp.Kind.SWIGLU && position == Position.ROPE && !bias
                && attention.kind() == AttentionSpec.Kind.SOFTMAX && !attention.gatedNorm()
                && ffn.kind() == FeedForwardSpec.Kind.DENSE && mixer.equals(MixerSpec.defaults())
                && !binaryInput.enabled();
    }

    public DecoderConfig withVocabSize(int v) {
        return new DecoderConfig(v, dModel, nHeads, nLayers, dFf, maxSeqLen, norm, mlp, position, ropeTheta,
                tiedHead, bias, normEps, initStd, attnImpl, attention, ffn, mixer, binaryInput);
    }

    public DecoderConfig withMaxSeqLen(int t) {
        return new DecoderConfig(vocabSize, dModel, nHeads, nLayers, dFf, t, norm, mlp, position, ropeTheta,
                tiedHead, bias, normEps, initStd, attnImpl, attention, ffn, mixer, binaryInput);
    }

    public DecoderConfig withAttnImpl(AttentionImpl impl) {
        return new DecoderConfig(vocabSize, dModel, nHeads, nLayers, dFf, maxSeqLen, norm, mlp, position, ropeTheta,
                tiedHead, bias, normEps, initStd, impl, attention, ffn, mixer, binaryInput);
    }

    public DecoderConfig withAttention(AttentionSpec a) {
        return new DecoderConfig(vocabSize, dModel, nHeads, nLayers, dFf, maxSeqLen, norm, mlp, position, ropeTheta,
                tiedHead, bias, normEps, initStd, attnImpl, a, ffn, mixer, binaryInput);
    }

    public DecoderConfig withFfn(FeedForwardSpec f) {
        return new DecoderConfig(vocabSize, dModel, nHeads, nLayers, dFf, maxSeqLen, norm, mlp, position, ropeTheta,
                tiedHead, bias, normEps, initStd, attnImpl, attention, f, mixer, binaryInput);
    }

    public DecoderConfig withBinaryInput(BinaryInput b) {
        return new DecoderConfig(vocabSize, dModel, nHeads, nLayers, dFf, maxSeqLen, norm, mlp, position, ropeTheta,
                tiedHead, bias, normEps, initStd, attnImpl, attention, ffn, mixer, b);
    }

    public DecoderConfig withMixer(MixerSpec m) {
        return new DecoderConfig(vocabSize, dModel, nHeads, nLayers, dFf, maxSeqLen, norm, mlp, position, ropeTheta,
                tiedHead, bias, normEps, initStd, attnImpl, attention, ffn, m, binaryInput);
    }
}
