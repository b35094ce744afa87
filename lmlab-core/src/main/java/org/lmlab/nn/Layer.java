package org.lmlab.nn;

import org.bytedeco.pytorch.Tensor;

/**
 * A sub-layer of a residual block that maps [B, T, d] to [B, T, d]: a sequence mixer (attention, GRU, LSTM,
 * gated linear attention) or a feed-forward (dense MLP, mixture of experts). Blocks hold their parts through
 * this interface, so a new kind only needs a factory entry.
 */
public interface Layer {
    Tensor forward(Tensor x);
}
