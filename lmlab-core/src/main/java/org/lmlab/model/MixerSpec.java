package org.lmlab.model;

import java.util.List;
import org.lmlab.config.Doc;

/**
 * The sequence mixer of the blocks (config section {@code model.mixer}): causal self-attention, or a recurrent
 * layer — GRU, LSTM, or gated linear attention (GLA) — as compared in Wen, Dang and Lyu 2024, "RNNs are not
 * Transformers (Yet): The Key Bottleneck on In-context Retrieval". Listing layers in {@code attentionLayers}
 * makes a hybrid stack: those blocks use attention, the others the recurrent kind (§5 of the paper: one added
 * attention layer closes the retrieval gap).
 */
public record MixerSpec(
        @Doc("attention, gru, lstm or gla")
        Kind kind,
        @Doc("recurrent state per layer: hidden width of the GRU/LSTM, key width d_k of GLA (whose state is a " +
                "d_k × d_model matrix); 0 = d_model")
        int stateSize,
        @Doc("block indices that use attention although kind is recurrent (hybrid stack)")
        List<Integer> attentionLayers) {

    /** Mixer kind (config value {@code model.mixer.kind}). */
    public enum Kind { ATTENTION, GRU, LSTM, GLA }

    public MixerSpec {
        if (stateSize < 0) {
            throw new IllegalArgumentException("model.mixer.state_size must be >= 0 (0 = d_model)");
        }
        attentionLayers = attentionLayers == null ? List.of() : List.copyOf(attentionLayers);
    }

    public static MixerSpec defaults() {
        return new MixerSpec(Kind.ATTENTION, 0, List.of());
    }

    /** A recurrent stack of {@code kind} with state size {@code state}, attention in the listed layers. */
    public static MixerSpec recurrent(Kind kind, int state, Integer... attentionLayers) {
        return new MixerSpec(kind, state, List.of(attentionLayers));
    }

    /** The mixer kind of block {@code layer}. */
    public Kind kindOf(int layer) {
        return attentionLayers.contains(layer) ? Kind.ATTENTION : kind;
    }

    /** The state size for a model of width {@code dModel}. */
    public int state(int dModel) {
        return stateSize == 0 ? dModel : stateSize;
    }
}
