package org.lmlab.repro.lpn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.bytedeco.javacpp.PointerScope;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lmlab.tensor.Torch;

class GuessThenEliminateTest {
    @BeforeAll
    static void init() {
        Torch.init();
    }

    /**
     * The coset the solver guesses in equals, for consistent systems, the solution set {s : A s = b} found by
     * brute force over all 2^n secrets — including rank-deficient systems (rows drawn from a random subspace).
     */
    @Test
    void candidatesAreExactlyTheSolutionsOfConsistentSystems() {
        int n = 8;
        SplittableRandom rng = new SplittableRandom(3);
        int deficient = 0;
        for (int trial = 0; trial < 300; trial++) {
            // Rows in the span of k random vectors, k ≤ n: rank ≤ k.
            int k = 1 + rng.nextInt(n);
            long[] basis = new long[k];
            for (int j = 0; j < k; j++) {
                basis[j] = rng.nextLong() & 0xFF;
            }
            long secret = rng.nextLong() & 0xFF;
            long[] rows = new long[n];
            for (int i = 0; i < n; i++) {
                long a = 0;
                for (int j = 0; j < k; j++) {
                    a ^= rng.nextBoolean() ? basis[j] : 0;
                }
                rows[i] = a | (long) (Long.bitCount(a & secret) & 1) << n;
            }
            Set<Long> brute = new HashSet<>();
            for (long s = 0; s < 1 << n; s++) {
                long candidate = s;
                if (Arrays.stream(rows).allMatch(r -> (Long.bitCount(r & candidate) & 1) == (r >>> n & 1))) {
                    brute.add(s);
                }
            }
            long[] work = rows.clone();
            int[] pivotCol = new int[n];
            long[] dirs = new long[n];
            int rank = GuessThenEliminate.reduce(work, n, pivotCol);
            long s0 = GuessThenEliminate.coset(work, n, rank, pivotCol, dirs);
            Set<Long> coset = new HashSet<>();
            for (int g = 0; g < 1 << (n - rank); g++) {
                long s = s0;
                for (int j = 0; j < n - rank; j++) {
                    s ^= (g >>> j & 1) * dirs[j];
                }
                coset.add(s);
            }
            assertEquals(brute, coset, "trial " + trial + ", rank " + rank);
            assertTrue(coset.contains(secret));
            deficient += rank < n ? 1 : 0;
        }
        assertTrue(deficient > 100, "rank-deficient systems exercised: " + deficient);
    }

    /**
     * The test accepts the true secret and rejects every one-bit neighbour and 2000 random wrong secrets; its stopping
     * point agrees with a direct count of disagreements.
     */
    @Test
    void testAcceptsTheSecretAndRejectsWrongCandidates() {
        try (PointerScope scope = new PointerScope()) {
            int n = 16;
            double tau = 0.3;
            GuessThenEliminate.Plan plan = GuessThenEliminate.plan(n, tau);
            LpnOracle o = new LpnOracle(n, tau, 0.5, 21);
            long[] test = LpnOracle.pack(o.draw(plan.test()));
            int t = plan.threshold();
            assertEquals(-1, GuessThenEliminate.rejectedAfter(test, o.secret, n, t));
            SplittableRandom rng = new SplittableRandom(8);
            for (int i = 0; i < 2000 + n; i++) {
                long wrong = i < n ? o.secret ^ 1L << i : rng.nextLong() & ((1L << n) - 1);
                if (wrong == o.secret) {
                    continue;
                }
                int read = GuessThenEliminate.rejectedAfter(test, wrong, n, t);
                assertTrue(read > 0, "wrong candidate accepted");
                int count = 0;
                for (int j = 0; j < read; j++) {
                    count += (Long.bitCount(test[j] & wrong) & 1) != (test[j] >>> n & 1) ? 1 : 0;
                }
                assertEquals(t, count, "stops exactly when the count reaches t");
            }
        }
    }

    /** Recovers known secrets: noise-free in one system; at τ = 0.1 and 0.25 with the planned pool and test set. */
    @Test
    void recoversTheSecretAtLowNoise() {
        try (PointerScope scope = new PointerScope()) {
            for (double tau : new double[] {0, 0.1, 0.25}) {
                int n = 16;
                GuessThenEliminate.Plan plan = GuessThenEliminate.plan(n, Math.max(tau, 0.01));
                LpnOracle o = new LpnOracle(n, tau, 0.5, 5);
                long[] samples = LpnOracle.pack(o.draw(plan.samples()));
                long[] pool = Arrays.copyOf(samples, plan.pool());
                long[] test = Arrays.copyOfRange(samples, plan.pool(), plan.samples());
                GuessThenEliminate.Result r = GuessThenEliminate.solve(pool, test, n, plan, 1_000_000, 60, 9);
                assertEquals(o.secret, r.secret(), "tau " + tau + ": " + r.failure());
                assertEquals("", r.failure());
                if (tau == 0) {
                    assertEquals(1, r.systems(), "any system of noise-free samples holds s in its coset");
                }
            }
        }
    }

    /** The caps on systems and on time end the search with the reason stated, not a guess. */
    @Test
    void failsHonestlyWhenCapped() {
        try (PointerScope scope = new PointerScope()) {
            int n = 16;
            LpnOracle o = new LpnOracle(n, 0.45, 0.5, 5);
            GuessThenEliminate.Plan plan = GuessThenEliminate.plan(n, 0.45);
            long[] pool = LpnOracle.pack(o.draw(plan.pool()));
            long[] test = LpnOracle.pack(o.draw(plan.test()));
            GuessThenEliminate.Result capped = GuessThenEliminate.solve(pool, test, n, plan, 5, 60, 1);
            assertEquals(-1, capped.secret());
            assertTrue(capped.failure().contains("5 systems"), capped.failure());
            GuessThenEliminate.Result late = GuessThenEliminate.solve(pool, test, n, plan, Long.MAX_VALUE, -1, 1);
            assertEquals(-1, late.secret());
            assertTrue(late.failure().contains("time cap"), late.failure());
        }
    }

    /** The plan at the reproduction's n = 20, τ = 0.4, from the class comment's formulas. */
    @Test
    void planFollowsTheFormulas() {
        GuessThenEliminate.Plan p = GuessThenEliminate.plan(20, 0.4);
        assertEquals(10_667, p.pool(), "⌈16·400/0.6⌉");
        double k = 2 * Math.pow(0.6, -20);
        int m = (int) Math.ceil(2 * Math.log(k / 0.01) / 0.01);
        assertEquals(m, p.test());
        assertTrue(k * Math.exp(-m * 0.01 / 2) <= 0.01, "union bound over the run's candidates");
        assertEquals((int) Math.ceil(0.45 * m), p.threshold());
        assertEquals(p.pool() + p.test(), p.samples());
    }
}
