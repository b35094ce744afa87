/**
 * Language models built from {@code nn}: the causal {@link org.lmlab.model.Decoder} (pre-norm
 * {@link org.lmlab.model.Block}s of {@link org.lmlab.model.Attention} and MLP, RoPE or no position encoding,
 * tied or untied head), configured by one record, {@link org.lmlab.model.DecoderConfig}, that later capabilities
 * extend with new kinds. Attention has one definition and two paths (fused SDPA, explicit weights for probes).
 * {@link org.lmlab.model.HfLlamaNames} maps a Llama-shaped model to Hugging Face names for checkpoints;
 * {@link org.lmlab.model.Sampler} generates text.
 */
package org.lmlab.model;
