/**
 * Modules, parameters, roles and hook points — the vocabulary every model in lmlab is written in.
 *
 * <p>A {@link org.lmlab.nn.Module} registers, in its constructor, its {@link org.lmlab.nn.Parameter}s (each with a
 * {@link org.lmlab.nn.Role}), its child modules and its {@link org.lmlab.nn.HookPoint}s; {@code forward} is plain
 * Java over libtorch tensors. Lifecycle: seed → construct (parameters drawn in registration order, float32 on the
 * CPU) → {@code to(dtype, device)} → build the optimizer over {@code namedParameters()} → train. Names compose
 * with dots ({@code blocks.0.attn.qkv.weight}); optimizers route by role, never by name.
 *
 * <p>Hook points are where probes look inside: read, replace or add to an activation, free when unused.
 * <pre>{@code
 * Rng.seed(0);
 * Decoder model = new Decoder(DecoderConfig.defaults());
 * try (var h = model.hookPoint("blocks.1.mlp.post", true).read(a -> stats.add(a.detach().clone()))) {
 *     model.forward(ids);
 * }
 * }</pre>
 * Layers here: {@link org.lmlab.nn.Linear}, {@link org.lmlab.nn.Embedding}, {@link org.lmlab.nn.LayerNorm},
 * {@link org.lmlab.nn.RMSNorm}, {@link org.lmlab.nn.Mlp} (GELU, SwiGLU).
 */
package org.lmlab.nn;
