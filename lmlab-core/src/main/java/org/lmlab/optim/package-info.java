/**
 * Optimizers and learning-rate schedules.
 *
 * <p>Every optimizer extends {@link org.lmlab.optim.Optimizer} and is driven through
 * {@code step(LossClosure)}: the closure recomputes loss and gradients, so methods that need several gradient
 * evaluations per step (SAM) or curvature (Sophia) share the contract of plain ones. The base class clears
 * gradients, runs the closure (both through the protected {@code gradient(LossClosure)} hook), clips by global
 * norm, refuses NaN/Inf before any update, then calls the optimizer's {@code update}. Weight decay is
 * learning-rate-coupled and routed by parameter role.
 *
 * <p>Sharpness-aware minimization composes with any of them: {@link org.lmlab.optim.Sam} wraps a base optimizer,
 * overrides only the gradient hook (ascent to θ + ε, gradient there on the same batch, θ restored by copy) and hands
 * the result to the base's {@code update} — so SAM+AdamW, SAM+Muon or 1-SAM+SGD need no code that knows both. In a
 * config: {@code optim.sam: none|sam|usam|one-sam} and {@code optim.rho}. 1-SAM needs per-sample losses, which a
 * closure offers through {@link org.lmlab.optim.LossClosure#sampleCount()} (the trainer's closure does).
 * <pre>{@code
 * Optimizer opt = new AdamW(model.namedParameters(), 3e-3, 0.9, 0.95, 1e-8, 0.1, 1.0);
 * Schedule s = Schedule.of(Schedule.Kind.COSINE, 50, 1000, 0.1, 0);
 * for (long t = 0; t < 1000; t++) {
 *     try (PointerScope scope = new PointerScope()) {
 *         opt.setLearningRate(3e-3 * s.factor(t));
 *         opt.step(() -> { Tensor l = model.loss(x, y); l.backward(); return l; });
 *     }
 * }
 * // SAM around it: new Sam(opt, Sam.Variant.SAM, 0.05), stepped exactly the same way.
 * }</pre>
 * State export returns deep copies; import copies into the live tensors.
 */
package org.lmlab.optim;
