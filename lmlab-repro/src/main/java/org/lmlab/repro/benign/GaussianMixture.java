package org.lmlab.repro.benign;

import org.bytedeco.pytorch.Generator;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.lmlab.tensor.Tensors;

/**
 * The data of "Realistic Analysis of Benign Overfitting with Label Noise" (brief's calibrated version):
 * x = y·μ + ξ in R^p with y uniform on {±1}, ξ ∼ N(0, I_p), ‖μ‖ = 1.1·p^{1/4} (μ along the first axis; the
 * distribution is rotation invariant), and training labels flipped independently with probability η.
 *
 * <p>For a linear classifier w the clean test error is exact: y⟨w, x⟩ = ⟨w, μ⟩ + ⟨w, ξ⟩ with ⟨w, ξ⟩ ∼ N(0, ‖w‖²),
 * so P(error) = Φ(−⟨w, μ⟩/‖w‖).
 */
final class GaussianMixture {
    final int p;
    final double muNorm;

    GaussianMixture(int p) {
        this.p = p;
        this.muNorm = 1.1 * Math.pow(p, 0.25);
    }

    /** A training set: x [n, p], clean labels, noisy labels (float64, ±1). */
    record Sample(Tensor x, Tensor clean, Tensor noisy) {}

    Sample draw(int n, double noise, long seed) {
        Generator g = torch.createCPUGenerator(seed);
        GeneratorOptional go = new GeneratorOptional(g);
        Tensor half = torch.full(new long[] {n}, Tensors.s(0.5), new org.bytedeco.pytorch.DimnameListOptional(),
                Tensors.options(torch.ScalarType.Double));
        Tensor y = torch.bernoulli(half, go).mul_(Tensors.s(2.0)).sub_(Tensors.s(1.0));
        Tensor x = torch.randn(new long[] {n, p}, go, Tensors.options(torch.ScalarType.Double));
        x.select(1, 0).add_(y.mul(Tensors.s(muNorm)));
        Tensor flip = torch.bernoulli(torch.full(new long[] {n}, Tensors.s(noise),
                new org.bytedeco.pytorch.DimnameListOptional(), Tensors.options(torch.ScalarType.Double)), go);
        Tensor noisy = y.mul(flip.mul(Tensors.s(-2.0)).add_(Tensors.s(1.0)));
        return new Sample(x, y, noisy);
    }

    /** Φ(−⟨w, μ⟩/‖w‖), the exact clean test error of sign⟨w, x⟩. */
    double cleanError(Tensor w) {
        double wMu = w.select(0, 0).item_double() * muNorm;
        double z = -wMu / w.norm().item_double();
        return torch.special_ndtr(Tensors.doubles(new double[] {z}, 1)).item_double();
    }

    /** Fraction of points with y·score ≤ 0 (a tie counts as an error); scores and y [m], any float type. */
    static double errorRate(Tensor scores, Tensor y) {
        return scores.to(torch.ScalarType.Double).mul(y.to(torch.ScalarType.Double)).le(Tensors.s(0.0))
                .to(torch.ScalarType.Double).mean().item_double();
    }

    /** A Monte Carlo estimate of a clean test error with its binomial standard error √(e(1 − e)/m). */
    record Estimate(double error, double se) {}

    /** The clean test error of a scorer estimated on a fresh clean test set {@code test} (m points). */
    static Estimate monteCarlo(Tensor scores, Tensor clean) {
        double e = errorRate(scores, clean);
        long m = clean.size(0);
        return new Estimate(e, Math.sqrt(e * (1 - e) / m));
    }
}
