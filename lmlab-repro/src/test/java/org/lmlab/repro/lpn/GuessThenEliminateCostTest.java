package org.lmlab.repro.lpn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.bytedeco.javacpp.PointerScope;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lmlab.tensor.Torch;

class GuessThenEliminateCostTest {
    @BeforeAll
    static void init() {
        Torch.init();
    }

    /**
     * The rank-deficiency law against two independent facts: Σ_d Pr[d] 2^d = E|ker A| = 2 − 2^(−n) (count the kernel
     * pairs), Pr[0] → Π_j (1 − 2^(−j)) ≈ 0.2888; and against the ranks {@link GuessThenEliminate#reduce} finds for
     * 100,000 uniform 8 × 8 matrices.
     */
    @Test
    void deficiencyLawMatchesKernelCountAndSimulation() {
        for (int n : new int[] {1, 2, 5, 8, 20, 40}) {
            double total = 0;
            double kernel = 0;
            for (int d = 0; d <= n; d++) {
                total += GuessThenEliminateCost.deficiencyProbability(n, d);
                kernel += GuessThenEliminateCost.deficiencyProbability(n, d) * Math.pow(2, d);
            }
            assertEquals(1, total, 1e-12, "n " + n);
            assertEquals(2 - Math.pow(2, -n), kernel, 1e-12, "n " + n);
        }
        assertEquals(0.288788, GuessThenEliminateCost.deficiencyProbability(40, 0), 1e-6);
        int n = 8;
        int trials = 100_000;
        int[] counts = new int[n + 1];
        SplittableRandom rng = new SplittableRandom(1);
        long[] rows = new long[n];
        int[] pivots = new int[n];
        for (int t = 0; t < trials; t++) {
            for (int i = 0; i < n; i++) {
                rows[i] = rng.nextLong() & 0xFF;
            }
            counts[n - GuessThenEliminate.reduce(rows, n, pivots)]++;
        }
        for (int d = 0; d <= 3; d++) {
            double p = GuessThenEliminateCost.deficiencyProbability(n, d);
            assertEquals(p, counts[d] / (double) trials, 5 * Math.sqrt(p * (1 - p) / trials), "d " + d);
        }
    }

    /**
     * The formula's counts against 400 solves at n = 12, τ = 0.25: systems per success ≈ 1 / p_success (about 3/4 of
     * (1 − τ)^(−n)), candidates per system ≈ 2 − 2^(−n), and a rejected candidate reads ≈ (½ + τ) m test samples.
     * Tolerances are about four standard errors (the systems count is geometric: s.d. ≈ mean).
     */
    @Test
    void countsMatchSimulation() {
        try (PointerScope scope = new PointerScope()) {
            int n = 12;
            double tau = 0.25;
            GuessThenEliminate.Plan plan = GuessThenEliminate.plan(n, tau);
            long systems = 0;
            long candidates = 0;
            long rejectedReads = 0;
            int runs = 400;
            for (int seed = 0; seed < runs; seed++) {
                LpnOracle o = new LpnOracle(n, tau, 0.5, seed);
                long[] pool = LpnOracle.pack(o.draw(plan.pool()));
                long[] test = LpnOracle.pack(o.draw(plan.test()));
                GuessThenEliminate.Result r = GuessThenEliminate.solve(pool, test, n, plan, 1_000_000, 60, seed);
                assertEquals(o.secret, r.secret());
                systems += r.systems();
                candidates += r.candidates();
                rejectedReads += r.evaluations() - test.length;
            }
            double expected = 1 / GuessThenEliminateCost.successProbability(n, tau);
            assertTrue(expected < 0.8 * Math.pow(1 - tau, -n), "guessing the free coordinates pays");
            assertEquals(expected, systems / (double) runs, 0.2 * expected);
            assertEquals(2 - Math.pow(2, -n), candidates / (double) systems, 0.1);
            assertEquals((0.5 + tau) * plan.test(), rejectedReads / (double) (candidates - runs), 0.03 * plan.test());
        }
    }

    /** T(n, τ) from given unit costs, by hand at n = 20, τ = 0.4; the per-system cost scales as n². */
    @Test
    void predictedSecondsByHand() {
        GuessThenEliminateCost.UnitCosts c = new GuessThenEliminateCost.UnitCosts(20, 2e-6, 1e-9);
        int m = GuessThenEliminate.plan(20, 0.4).test();
        double p = GuessThenEliminateCost.successProbability(20, 0.4);
        assertEquals((2e-6 + (2 - Math.pow(2, -20)) * 0.9 * m * 1e-9) / p,
                GuessThenEliminateCost.predictedSeconds(c, 20, 0.4), 1e-12);
        GuessThenEliminateCost.UnitCosts noTest = new GuessThenEliminateCost.UnitCosts(10, 1e-6, 0);
        assertEquals(4e-6 / GuessThenEliminateCost.successProbability(20, 0.4),
                GuessThenEliminateCost.predictedSeconds(noTest, 20, 0.4), 1e-12);
    }
}
