package org.lmlab.model;

import org.lmlab.nn.GatedRMSNorm;
import org.lmlab.nn.Norm;

/** Builds the attention layer and the residual-stream norms a {@link DecoderConfig}'s {@link AttentionSpec} asks for. */
public final class Attentions {
    private Attentions() {}

    /** The attention of one block: softmax {@link Attention} or one of its variants. */
    public static Attention create(DecoderConfig c, Rope rope) {
        return switch (c.attention().kind()) {
            case SOFTMAX -> new Attention(c, rope);
            case GATED -> new GatedAttention(c, rope);
            case SIGMOID -> new SigmoidAttention(c, rope);
            case SINK -> new SinkAttention(c, rope);
            case CLIPPED -> new ClippedAttention(c, rope);
            case PATH -> new PathAttention(c, rope);
        };
    }

    /** A pre-norm or final norm: {@link GatedRMSNorm} when {@code attention.gated_norm} is on (RMSNorm models). */
    public static Norm norm(DecoderConfig c) {
        if (c.attention().gatedNorm()) {
            if (c.norm() != Norm.Kind.RMSNORM) {
                throw new IllegalArgumentException("attention.gated_norm needs norm: rmsnorm");
            }
            return new GatedRMSNorm(c.dModel(), c.attention().gatedNormRank(), c.normEps(), c.initStd());
        }
        return Norm.of(c.norm(), c.dModel(), c.bias(), c.normEps());
    }
}
