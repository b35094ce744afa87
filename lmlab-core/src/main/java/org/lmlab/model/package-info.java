/**
 * Language models built from {@code nn}: the causal {@link org.lmlab.model.Decoder} (pre-norm
 * {@link org.lmlab.model.Block}s of attention and MLP, RoPE, learned or no position encoding, tied or untied head),
 * configured by one record, {@link org.lmlab.model.DecoderConfig}, that later capabilities extend with new kinds.
 * Attention has one definition and two paths (fused SDPA, explicit weights for probes).
 *
 * <p>Attention variants ({@link org.lmlab.model.AttentionSpec}, config section {@code model.attention}) extend
 * {@link org.lmlab.model.Attention} by overriding one step each and are built by
 * {@link org.lmlab.model.Attentions}: {@link org.lmlab.model.GatedAttention} (gates G1–G5),
 * {@link org.lmlab.model.SigmoidAttention}, {@link org.lmlab.model.SinkAttention} (learnable sink),
 * {@link org.lmlab.model.ClippedAttention} and {@link org.lmlab.model.PathAttention} (Householder transitions,
 * logits in {@link org.lmlab.model.PathLogits}, cached decoding). Lifecycle: a config value selects the variant at
 * construction; the forward pass is the same call for all of them. Example:
 * <pre>{@code
 * DecoderConfig c = DecoderConfig.defaults().withAttention(AttentionSpec.of(AttentionSpec.Kind.GATED));
 * Decoder m = new Decoder(c);   // blocks.i.attn is a GatedAttention; hook point blocks.i.attn.gate_scores
 * }</pre>
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
