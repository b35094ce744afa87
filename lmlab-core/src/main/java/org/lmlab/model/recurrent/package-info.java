/**
 * Recurrent sequence mixers — GRU, LSTM and gated linear attention — that replace a block's attention when
 * {@code model.mixer.kind} is {@code gru}, {@code lstm} or {@code gla}; listing layers in
 * {@code model.mixer.attention_layers} keeps attention there (a hybrid stack). Each mixer maps the normalized
 * residual [B, T, d] to [B, T, d] through a state of {@code model.mixer.state_size}, the quantity whose limits
 * Wen, Dang and Lyu 2024 ("RNNs are not Transformers (Yet)") study. GRU and LSTM run in libtorch's fused kernels;
 * GLA runs its recurrence step by step.
 *
 * <pre>{@code
 * # a GRU (state 16) followed by one attention layer, no positions, no feed-forward
 * model: {n_layers: 2, position: none, ffn: {kind: none}, mixer: {kind: gru, state_size: 16, attention_layers: [1]}}
 * }</pre>
 */
package org.lmlab.model.recurrent;
