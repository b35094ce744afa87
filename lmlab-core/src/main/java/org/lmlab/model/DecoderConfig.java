package org.lmlab.model;

import org.lmlab.nn.Mlp;
import org.lmlab.nn.Norm;

/**
 * The shape of a causal decoder LM. Later capabilities (attention variants, MoE, recurrent mixers) extend this
 * record with new kinds; every field keeps a default so old configs stay valid.
 *
 * @param vocabSize tokens in the vocabulary
 * @param dModel residual stream width
 * @param nHeads attention heads (dModel must be divisible by it)
 * @param nLayers transformer blocks
 * @param dFf feed-forward hidden width; 0 picks 4·dModel for GELU and 8/3·dModel rounded up to 64 for SwiGLU
 * @param maxSeqLen longest sequence the position encoding is prepared for
 * @param norm normalization of the pre-norm blocks and the final norm
 * @param mlp feed-forward kind
 * @param position position encoding: rope or none
 * @param ropeTheta RoPE base frequency θ
 * @param tiedHead whether the output head reuses the embedding matrix
 * @param bias whether linear layers (and LayerNorm) have biases
 * @param normEps ε of the norms
 * @param initStd std of weight init; output projections use initStd/√(2·nLayers)
 * @param attnImpl attention path: fused SDPA, explicit weights, or auto (fused unless a probe hooks the pattern)
 * @param ffn feed-forward of the blocks: dense MLP or mixture of experts ({@link FeedForwardSpec})
 * @param mixer sequence mixer of the blocks: attention, a recurrent layer, or a hybrid ({@link MixerSpec})
 */
public record DecoderConfig(
        int vocabSize,
        int dModel,
        int nHeads,
        int nLayers,
        int dFf,
        int maxSeqLen,
        Norm.Kind norm,
        Mlp.Kind mlp,
        Position position,
        double ropeTheta,
        boolean tiedHead,
        boolean bias,
        double normEps,
        double initStd,
        AttentionImpl attnImpl,
        FeedForwardSpec ffn,
        MixerSpec mixer) {

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
        ffn = ffn == null ? FeedForwardSpec.defaults() : ffn;
        mixer = mixer == null ? MixerSpec.defaults() : mixer;
        for (int layer : mixer.attentionLayers()) {
            if (layer < 0 || layer >= nLayers) {
                throw new IllegalArgumentException("model.mixer.attention_layers: no layer " + layer + " in "
                        + nLayers + " layers");
            }
        }
    }

    /** The shape before feed-forward and mixer kinds existed: dense MLP and attention in every block. */
    public DecoderConfig(int vocabSize, int dModel, int nHeads, int nLayers, int dFf, int maxSeqLen, Norm.Kind norm,
            Mlp.Kind mlp, Position position, double ropeTheta, boolean tiedHead, boolean bias, double normEps,
            double initStd, AttentionImpl attnImpl) {
        this(vocabSize, dModel, nHeads, nLayers, dFf, maxSeqLen, norm, mlp, position, ropeTheta, tiedHead, bias,
                normEps, initStd, attnImpl, FeedForwardSpec.defaults(), MixerSpec.defaults());
    }

    /** The reference model of the benchmarks: Llama-shaped, vocab 512, d 256, 4 heads, 4 layers. */
    public static DecoderConfig defaults() {
        return new DecoderConfig(512, 256, 4, 4, 0, 128, Norm.Kind.RMSNORM, Mlp.Kind.SWIGLU, Position.ROPE,
                10000.0, false, false, 1e-5, 0.02, AttentionImpl.AUTO, FeedForwardSpec.defaults(),
                MixerSpec.defaults());
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
                && ffn.kind() == FeedForwardSpec.Kind.DENSE && mixer.equals(MixerSpec.defaults());
    }

    public DecoderConfig withVocabSize(int v) {
        return new DecoderConfig(v, dModel, nHeads, nLayers, dFf, maxSeqLen, norm, mlp, position, ropeTheta,
                tiedHead, bias, normEps, initStd, attnImpl, ffn, mixer);
    }

    public DecoderConfig withMaxSeqLen(int t) {
        return new DecoderConfig(vocabSize, dModel, nHeads, nLayers, dFf, t, norm, mlp, position, ropeTheta,
                tiedHead, bias, normEps, initStd, attnImpl, ffn, mixer);
    }

    public DecoderConfig withAttnImpl(AttentionImpl impl) {
        return new DecoderConfig(vocabSize, dModel, nHeads, nLayers, dFf, maxSeqLen, norm, mlp, position, ropeTheta,
                tiedHead, bias, normEps, initStd, impl, ffn, mixer);
    }

    public DecoderConfig withFfn(FeedForwardSpec f) {
        return new DecoderConfig(vocabSize, dModel, nHeads, nLayers, dFf, maxSeqLen, norm, mlp, position, ropeTheta,
                tiedHead, bias, normEps, initStd, attnImpl, f, mixer);
    }

    public DecoderConfig withMixer(MixerSpec m) {
        return new DecoderConfig(vocabSize, dModel, nHeads, nLayers, dFf, maxSeqLen, norm, mlp, position, ropeTheta,
                tiedHead, bias, normEps, initStd, attnImpl, ffn, m);
    }
}
