/**
 * Row {@code sharpness-generalization}: "Sharpness Minimization Algorithms Do Not Only Minimize Sharpness to Achieve
 * Better Generalization" (Wen, Li, Ma 2023). Two-layer ReLU networks on y = x₁x₂ over {±1}^d trained by SGD and by
 * stochastic 1-SAM (the library's {@link org.lmlab.optim.Sam}), a hand-built memorizer, and the no-bias variant; the
 * Hessian trace in closed form, checked against {@link org.lmlab.probe.hessian.ExactHessian}.
 * Run: {@code ./lmlab repro sharpness-generalization [--seed N] [--quick]}.
 */
package org.lmlab.repro.sharpgen;
