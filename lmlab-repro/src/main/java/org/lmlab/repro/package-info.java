/**
 * Reproductions: one package per paper row, each a short script over the library that trains, measures and
 * judges the paper's headline phenomenon at small scale.
 *
 * <p>The contract (DESIGN.md): {@code ./lmlab repro <name> [--seed N] [--quick]} runs
 * {@link org.lmlab.repro.Reproduction#run} with a {@link org.lmlab.repro.ReproContext}, prints the
 * {@link org.lmlab.repro.Verdict} as a table (criterion · measured · threshold · pass, with median and spread
 * where several runs are involved), writes {@code runs/repro/<name>-seed<N>/} (report.md, plots, metrics,
 * verdict.json, provenance.json) and exits 0 exactly when every criterion passes. A criterion is never tuned to
 * a seed: it states the paper's phenomenon, and the reproduction fails when the phenomenon is absent.
 *
 * <p>A reproduction is registered as a {@code java.util.ServiceLoader} service
 * ({@code META-INF/services/org.lmlab.repro.Reproduction}) and found by {@link org.lmlab.repro.Reproductions}.
 *
 * <pre>{@code
 * public final class SamSharpness implements Reproduction {
 *     public String name() { return "sam-sharpness"; }
 *     public String paper() { return "How Does Sharpness-Aware Minimization Minimize Sharpness?"; }
 *     public Verdict run(ReproContext ctx) throws Exception {
 *         double y = ...;                       // train, measure
 *         ctx.log("SAM final y = %.3f", y);      // progress
 *         ctx.report().paragraph("...");        // the story, with plots saved under ctx.dir()
 *         return Verdict.of(Criterion.atMost("SAM drives y to 1: |y - 1|", Math.abs(y - 1), 0.05));
 *     }
 * }
 * }</pre>
 */
package org.lmlab.repro;
