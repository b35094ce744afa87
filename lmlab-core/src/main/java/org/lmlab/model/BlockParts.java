package org.lmlab.model;

import org.lmlab.model.moe.MoeFeedForward;
import org.lmlab.model.recurrent.GatedLinearAttention;
import org.lmlab.model.recurrent.Gru;
import org.lmlab.model.recurrent.Lstm;
import org.lmlab.nn.Layer;
import org.lmlab.nn.Mlp;
import org.lmlab.nn.Module;

/**
 * Builds the two sub-layers of block {@code layer} from a {@link DecoderConfig}: the sequence mixer
 * ({@link MixerSpec}: attention, GRU, LSTM or GLA, per layer for hybrids) and the feed-forward
 * ({@link FeedForwardSpec}: dense MLP or mixture of experts). A new kind is one case here.
 */
final class BlockParts {
    private BlockParts() {}

    /** A named sub-layer: {@code name} is its child name in the block ({@code attn}, {@code gru}, {@code mlp}…). */
    record Part(String name, Module module) {
        Layer layer() {
            return (Layer) module;
        }
    }

    static Part mixer(DecoderConfig c, int layer, Rope rope) {
        double outStd = c.initStd() / Math.sqrt(2.0 * c.nLayers());
        int s = c.mixer().state(c.dModel());
        return switch (c.mixer().kindOf(layer)) {
            case ATTENTION -> new Part("attn", Attentions.create(c, rope));
            case GRU -> new Part("gru", new Gru(c.dModel(), s, outStd));
            case LSTM -> new Part("lstm", new Lstm(c.dModel(), s, outStd));
            case GLA -> new Part("gla", new GatedLinearAttention(c.dModel(), s, c.initStd(), outStd));
        };
    }

    /** The feed-forward part, or null for {@code none}. */
    static Part feedForward(DecoderConfig c, int layer, AuxiliaryLosses aux) {
        double downStd = c.initStd() / Math.sqrt(2.0 * c.nLayers());
        return switch (c.ffn().kind()) {
            case DENSE -> new Part("mlp", new Mlp(c.mlp(), c.dModel(), c.ffWidth(), c.bias(), c.initStd(), downStd));
            case MOE -> new Part("moe", new MoeFeedForward(c.ffn(), layer, aux, c.mlp(), c.dModel(),
                    c.ffn().expertHidden() > 0 ? c.ffn().expertHidden() : c.ffWidth(), c.initStd(), downStd));
            case NONE -> null;
        };
    }
}
