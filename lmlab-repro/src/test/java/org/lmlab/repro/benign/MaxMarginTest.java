package org.lmlab.repro.benign;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lmlab.tensor.Tensors;
import org.lmlab.tensor.Torch;

class MaxMarginTest {
    @BeforeAll
    static void init() {
        Torch.init();
    }

    /** x₁ = (2, 0) label +1, x₂ = (0, 3) label −1, x₃ = (4, 0) label +1: by hand w* = (1/2, −1/3), α₃ = 0. */
    @Test
    void handSolvedCase() {
        try (PointerScope s = new PointerScope()) {
            Tensor x = Tensors.doubles(new double[] {2, 0, 0, 3, 4, 0}, 3, 2);
            Tensor y = Tensors.doubles(new double[] {1, -1, 1}, 3);
            MaxMargin.Solution sol = MaxMargin.solve(x, y, 1e-12, 10_000);
            assertArrayEquals(new double[] {0.5, -1.0 / 3}, Tensors.toDoubles(sol.w()), 1e-12);
            assertArrayEquals(new double[] {0.25, 1.0 / 9, 0}, sol.alpha(), 1e-12); // w = Σ αᵢyᵢxᵢ = (2α₁, −3α₂)
            assertEquals(1, sol.minMargin(), 1e-12);
        }
    }

    /** KKT on random noisy data in p &gt; n: margins ≥ 1, equality exactly on the support vectors. */
    @Test
    void kktOnRandomData() {
        try (PointerScope s = new PointerScope()) {
            GaussianMixture.Sample d = new GaussianMixture(60).draw(40, 0.2, 3);
            MaxMargin.Solution sol = MaxMargin.solve(d.x(), d.noisy(), 1e-11, 100_000);
            double[] margins = Tensors.toDoubles(d.x().mv(sol.w()).mul(d.noisy()));
            for (int i = 0; i < margins.length; i++) {
                assertTrue(margins[i] >= 1 - 1e-9, "margin " + i + " = " + margins[i]);
                if (sol.alpha()[i] > 1e-9) {
                    assertEquals(1, margins[i], 1e-9, "support vector " + i);
                }
            }
        }
    }

    /** Φ(−⟨w, μ⟩/‖w‖) against the error rate on 400k fresh clean test points. */
    @Test
    void cleanErrorFormulaMatchesSimulation() {
        try (PointerScope s = new PointerScope()) {
            GaussianMixture g = new GaussianMixture(20);
            Tensor w = Tensors.doubles(new double[] {0.3, 1, -1, 0.5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 20);
            double formula = g.cleanError(w);
            GaussianMixture.Sample test = g.draw(400_000, 0, 11);
            double rate = test.x().mv(w).mul(test.clean()).le(Tensors.s(0.0)).to(torch.ScalarType.Double).mean()
                    .item_double();
            double se = Math.sqrt(formula * (1 - formula) / 400_000);
            assertTrue(formula > 0.05, "a non-trivial error rate: " + formula);
            assertEquals(formula, rate, 4 * se);
        }
    }
}
