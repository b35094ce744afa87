/**
 * Hessian instruments: exact Hessian-vector products turned into spectra, traces and sharpness.
 *
 * <p>The abstraction is a {@link org.lmlab.probe.hessian.SymmetricOperator} on flat parameter vectors. A
 * {@link org.lmlab.probe.hessian.HessianOperator} is the Hessian of a loss averaged over fixed batches, each product
 * an exact double backward ({@link org.lmlab.tensor.Hvp}); estimators take any operator:
 * {@link org.lmlab.probe.hessian.PowerIteration} (λ_max), {@link org.lmlab.probe.hessian.Lanczos} (top-k),
 * {@link org.lmlab.probe.hessian.Hutchinson} (trace), and for tiny models
 * {@link org.lmlab.probe.hessian.ExactHessian} (the full matrix, the reference the estimators are tested against).
 * {@link org.lmlab.probe.hessian.Sharpness} measures the worst-, ascent- and average-direction sharpness of the SAM
 * paper and {@link org.lmlab.probe.hessian.GradientAlignment} the gradient–top-eigenvector cosine.
 *
 * <p>Lifecycle: a Hessian operator holds its batches' gradient graphs, so build it, run the estimators and drop it
 * inside one {@code PointerScope}; nothing is written to the model (sharpness perturbations are undone by copy).
 * Probe vectors come from generators seeded per call, so a probe is a pure function of its seed.
 *
 * <pre>{@code
 * try (PointerScope scope = new PointerScope()) {
 *     HessianOperator h = HessianOperator.of(model.parameters(), List.of(() -> model.loss(ids, targets)));
 *     double lambdaMax = PowerIteration.top(h, 100, 1e-4, 0).top();
 *     EigenPairs top5 = Lanczos.top(h, 5, 30, 0);
 *     Hutchinson trace = Hutchinson.estimate(h, 50, 0);
 *     double cos = GradientAlignment.cosine(h.gradient(), top5.vector(0));
 * }
 * }</pre>
 */
package org.lmlab.probe.hessian;
