/**
 * Language models built from {@code nn}: the causal {@link org.lmlab.model.Decoder} (pre-norm
 * {@link org.lmlab.model.Block}s of {@link org.lmlab.model.Attention} and MLP, RoPE or no position encoding,
 * tied or untied head), configured by one record, {@link org.lmlab.model.DecoderConfig}, that later capabilities
 * extend with new kinds. Attention has one definition and two paths (fused SDPA, explicit weights for probes).
 * {@link org.lmlab.model.HfLlamaNames} maps a Llama-shaped model to Hugging Face names for checkpoints;
 * {@link org.lmlab.model.Sampler} generates text.
 *
 * <p>Each block's two parts come from {@link org.lmlab.model.BlockParts}: the mixer from
 * {@link org.lmlab.model.MixerSpec} ({@code model.mixer}: attention, or the recurrent mixers of
 * {@code model.recurrent}, per layer for hybrids) and the feed-forward from {@link org.lmlab.model.FeedForwardSpec}
 * ({@code model.ffn}: dense, mixture of experts from {@code model.moe}, or none). Losses a layer adds besides
 * cross-entropy (MoE balance, router z-loss) flow through {@link org.lmlab.model.AuxiliaryLosses}: recorded during
 * the forward passes of a training step, added to the loss by the trainer.
 */
package org.lmlab.model;
