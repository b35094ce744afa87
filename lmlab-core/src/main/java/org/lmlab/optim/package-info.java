/**
 * Optimizers, the optimizer zoo of "Fantastic Pretraining Optimizers and Where to Find Them" (Wen et al. 2025), and
 * learning-rate schedules.
 *
 * <h2>The contract</h2>
 * Every optimizer extends {@link org.lmlab.optim.Optimizer} and is driven through {@code step(LossClosure)}: the
 * closure recomputes loss and gradients, so methods that need several gradient evaluations per step (SAM) or
 * curvature (Sophia-H, through {@link org.lmlab.optim.LossClosure#loss()}, the forward-only loss it differentiates
 * twice) share the contract of plain ones. The base class clears gradients and runs the closure (both through the
 * protected {@code gradient(LossClosure)} hook), clips by global norm, refuses NaN/Inf before any update, then calls
 * the optimizer's {@code update} under no-grad. Every update ends the
 * same way, in the reference's order: transform the gradient into a direction u, add wd·θ (learning-rate-coupled,
 * only for the roles {@link org.lmlab.optim.AdamW#decays} allows: hidden matrices and the head), multiply by −lr.
 * State tensors are created in the constructor (outside any {@code PointerScope}) and only changed in place; their
 * export is a deep copy, named {@code <parameter>.<state>}. Randomness (Kron, Sophia-H) is a pure function of
 * (seed, step), so a resumed run is bit-identical to an uninterrupted one.
 *
 * <h2>The zoo</h2>
 * <table>
 *   <caption>Optimizers by family</caption>
 *   <tr><th>family</th><th>optimizers</th></tr>
 *   <tr><td>element-wise, Adam-like</td><td>{@link org.lmlab.optim.AdamW}, {@link org.lmlab.optim.NAdamW},
 *       {@link org.lmlab.optim.Cautious}, {@link org.lmlab.optim.Mars}, {@link org.lmlab.optim.AdamMini} (one
 *       second moment per block), {@link org.lmlab.optim.Lion} (sign), {@link org.lmlab.optim.SophiaH} (diagonal
 *       Hessian)</td></tr>
 *   <tr><td>plain</td><td>{@link org.lmlab.optim.Sgd}</td></tr>
 *   <tr><td>matrix-based</td><td>{@link org.lmlab.optim.Muon}, {@link org.lmlab.optim.Scion} (orthogonalized
 *       momentum by {@link org.lmlab.optim.NewtonSchulz}), {@link org.lmlab.optim.Soap} (Adam in Shampoo's
 *       eigenbasis), {@link org.lmlab.optim.Kron} (PSGD with Kronecker-factored triangular preconditioners)</td></tr>
 * </table>
 * {@link org.lmlab.optim.OptimConfig} builds any of them from the config ({@code optim.kind: adam-mini}) and gives each
 * one's recommended settings ({@code OptimConfig.defaults(kind)}).
 *
 * <h2>Sharpness-aware minimization</h2>
 * SAM composes with any of them: {@link org.lmlab.optim.Sam} wraps a base optimizer, overrides only the gradient
 * hook (ascent to θ + ε, gradient there on the same batch, θ restored by copy) and hands the result to the base's
 * {@code update} — so SAM+AdamW, SAM+Muon or 1-SAM+SGD need no code that knows both. In a config:
 * {@code optim.sam: none|sam|usam|one-sam} and {@code optim.rho}. 1-SAM needs per-sample losses, which a closure
 * offers through {@link org.lmlab.optim.LossClosure#sampleCount()} (the trainer's closure does).
 *
 * <h2>Routing</h2>
 * Parameters are routed by {@link org.lmlab.nn.Role}, never by name or rank alone. Muon and Scion orthogonalize only
 * hidden weight matrices ({@code MATRIX}); embeddings, the head, gains and biases go to their companion
 * ({@link org.lmlab.optim.AdamW}, resp. {@link org.lmlab.optim.Signum}) at lr·ratio. A layer that fuses several
 * logical matrices into one weight (q, k, v in one projection; SwiGLU's gate and up) declares them as
 * {@link org.lmlab.nn.RowBlock}s, and every matrix-aware step acts per block, as on separate layers: Muon's and
 * Scion's orthogonalization, Soap's and Kron's preconditioners, Adam-mini's second-moment blocks (per head for
 * queries and keys), Cautious's mask normalization.
 *
 * <pre>{@code
 * Optimizer opt = OptimConfig.defaults(OptimConfig.Kind.MUON).build(model.namedParameters(), seed);
 * Schedule s = Schedule.of(Schedule.Kind.COSINE, 50, 1000, 0.1, 0);
 * for (long t = 0; t < 1000; t++) {
 *     try (PointerScope scope = new PointerScope()) {
 *         opt.setLearningRate(1.6e-2 * s.factor(t));
 *         opt.step(() -> { Tensor l = model.loss(x, y); l.backward(); return l; });
 *     }
 * }
 * // SAM around it: new Sam(opt, Sam.Variant.SAM, 0.05), stepped exactly the same way.
 * }</pre>
 */
package org.lmlab.optim;
