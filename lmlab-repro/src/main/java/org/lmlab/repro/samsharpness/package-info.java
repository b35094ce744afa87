/**
 * Row {@code sam-sharpness}: "How Does Sharpness-Aware Minimization Minimize Sharpness?" (Wen, Ma, Li 2022).
 *
 * <p>The brief's three-parameter valley ({@link org.lmlab.repro.samsharpness.ToyValley}) trained by gradient
 * descent, USAM, full-batch SAM and stochastic 1-SAM — the library's {@link org.lmlab.optim.Sam} around
 * {@link org.lmlab.optim.Sgd} — shows which sharpness each one minimizes (where y drifts) and the mechanism
 * (gradient aligned with the Hessian's top eigenvector along SAM's trajectory, measured with
 * {@link org.lmlab.probe.hessian.ExactHessian}). Run: {@code ./lmlab repro sam-sharpness [--seed N] [--quick]}.
 */
package org.lmlab.repro.samsharpness;
