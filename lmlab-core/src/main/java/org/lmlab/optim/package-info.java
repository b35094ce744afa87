/**
 * Optimizers and learning-rate schedules.
 *
 * <p>Every optimizer extends {@link org.lmlab.optim.Optimizer} and is driven through
 * {@code step(LossClosure)}: the closure recomputes loss and gradients, so methods that need several gradient
 * evaluations per step (SAM) or curvature (Sophia) share the contract of plain ones. The base class clears
 * gradients, runs the closure, clips by global norm, refuses NaN/Inf before any update, then calls the
 * optimizer's {@code update}. Weight decay is learning-rate-coupled and routed by parameter role.
 * <pre>{@code
 * Optimizer opt = new AdamW(model.namedParameters(), 3e-3, 0.9, 0.95, 1e-8, 0.1, 1.0);
 * Schedule s = Schedule.of(Schedule.Kind.COSINE, 50, 1000, 0.1, 0);
 * for (long t = 0; t < 1000; t++) {
 *     try (PointerScope scope = new PointerScope()) {
 *         opt.setLearningRate(3e-3 * s.factor(t));
 *         opt.step(() -> { Tensor l = model.loss(x, y); l.backward(); return l; });
 *     }
 * }
 * }</pre>
 * State export returns deep copies; import copies into the live tensors.
 */
package org.lmlab.optim;
