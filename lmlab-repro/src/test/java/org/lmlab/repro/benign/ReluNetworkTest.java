package org.lmlab.repro.benign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lmlab.tensor.Rng;
import org.lmlab.tensor.Tensors;
import org.lmlab.tensor.Torch;

class ReluNetworkTest {
    @BeforeAll
    static void init() {
        Torch.init();
    }

    /** A tiny separable case (noise-free mixture, n = 20 in p = 10): gradient descent drives the training error to 0. */
    @Test
    void interpolatesTinySeparableCase() {
        try (PointerScope s = new PointerScope()) {
            GaussianMixture.Sample d = new GaussianMixture(10).draw(20, 0, 5);
            Tensor x = d.x().to(torch.ScalarType.Float);
            Tensor y = d.clean().to(torch.ScalarType.Float);
            Rng.seed(1);
            ReluNetwork net = new ReluNetwork(10, 8);
            ReluNetwork.Fit fit = net.fit(x, y, 0.05, 1e-2, 5_000, 10);
            assertEquals(0, fit.trainError());
            assertEquals(0, net.error(x, y));
            assertTrue(fit.loss() <= 1e-2, "loss " + fit.loss());
        }
    }

    /** The Monte Carlo estimator on a linear classifier against the exact Φ(−⟨w, μ⟩/‖w‖), within 4 standard errors. */
    @Test
    void monteCarloMatchesExactForLinearModel() {
        try (PointerScope s = new PointerScope()) {
            GaussianMixture g = new GaussianMixture(30);
            double[] wv = new double[30];
            wv[0] = 0.4;
            wv[1] = 1;
            wv[2] = -0.7;
            Tensor w = Tensors.doubles(wv, 30);
            double exact = g.cleanError(w);
            GaussianMixture.Sample test = g.draw(200_000, 0, 13);
            GaussianMixture.Estimate e = GaussianMixture.monteCarlo(test.x().mv(w), test.clean());
            assertTrue(exact > 0.05, "a non-trivial error rate: " + exact);
            assertEquals(Math.sqrt(exact * (1 - exact) / 200_000), e.se(), 1e-4);
            assertEquals(exact, e.error(), 4 * e.se());
        }
    }
}
