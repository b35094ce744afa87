package org.lmlab.repro.lpn;

import java.util.SplittableRandom;

/**
 * Guess-then-Gaussian-elimination for LPN: "Pooled Gauss" of Esser, Kübler and May ("LPN Decoded", CRYPTO 2017),
 * the baseline "Solving LPN with Neural Networks" measures against (n = 26, τ = 0.498: 3.12 days on 64 cores). This
 * follows its public code (Memphisd/LPN-decoded, "Gaussian algorithm", which the paper's repository
 * WhenWen/Solving-LPN-using-Neural-Networks reuses). One iteration:
 * <ol>
 *   <li>Guess that n samples drawn uniformly with replacement from a fixed pool of N_pool = ⌈16 n² / (1 − τ)⌉
 *       samples (the code's pool size) are noise-free.
 *   <li>Reduce [A | b] to reduced row echelon form over GF(2). A row with its pivot in column p gives
 *       s_p = b_row ⊕ Σ_{f free} A_{row,f} s_f. Rows left with zero coefficients are ignored, not checked for
 *       consistency (as in the code): only the rank-many pivot rows have to be noise-free.
 *   <li>Guess the free coordinates: when the rank deficiency d = n − rank is at most {@value #MAX_GUESSES}, each of the
 *       2^d settings of s_free gives a candidate (the coset s₀ + ker A); deeper deficiencies are skipped.
 *       E[2^d] = E|ker A| = Σ_x Pr[A x = 0] = 2 − 2^(−n) for uniform A: an iteration tries two candidates on
 *       average.
 *   <li>Test each candidate on m held-out samples: count disagreements ⟨a, s'⟩ ≠ b and stop as soon as the count
 *       reaches the threshold t; accept when all m are read with fewer than t.
 * </ol>
 * Unlike {@link GaussianElimination}, singular systems are not thrown away and candidates are judged on samples the
 * pivots were not drawn from. The expected cost is in {@link GuessThenEliminateCost}.
 *
 * <p>The code fixes m and t by hand per instance; here {@link #plan} derives them. With δ = ½ − τ and
 * t = ⌈m (½ + τ) / 2⌉ (halfway between the two disagreement rates), Hoeffding bounds both a wrong candidate's
 * acceptance and the true secret's rejection by exp(−m δ² / 2); m = ⌈2 ln(K / α) / δ²⌉ keeps the expected number
 * of false acceptances among a run's candidates below α = {@value #ALPHA}, with K = 2 (1 − τ)^(−n) (two candidates
 * per system; an overestimate of the systems, see {@link GuessThenEliminateCost}).
 */
final class GuessThenEliminate {
    /** The code's max_guesses: at most 2^10 candidates per system. */
    static final int MAX_GUESSES = 10;
    /** Bound on the expected number of wrong candidates a run accepts (and on the true secret's rejection). */
    static final double ALPHA = 0.01;
    private static final int TIME_CHECK_EVERY = 1024;

    private GuessThenEliminate() {}

    /** Pool size, test-set size m, threshold t (accept iff fewer than t disagreements). */
    record Plan(int pool, int test, int threshold) {
        /** Samples the solver consumes: the pool plus the disjoint test set. */
        int samples() {
            return pool + test;
        }
    }

    /**
     * The outcome: the secret (−1 on failure), systems eliminated, candidates tested, test samples read, the seconds
     * spent eliminating (with building the candidates) and testing, total seconds, and why it failed ("" on success).
     */
    record Result(long secret, Plan plan, long systems, long candidates, long evaluations, double eliminationSeconds,
            double testSeconds, double seconds, String failure) {}

    static Plan plan(int n, double tau) {
        int pool = (int) Math.ceil(16.0 * n * n / (1 - tau));
        double delta = 0.5 - tau;
        double candidates = 2 * Math.pow(1 - tau, -n);
        int m = (int) Math.ceil(2 * Math.log(candidates / ALPHA) / (delta * delta));
        return new Plan(pool, m, (int) Math.ceil(m * (0.5 + tau) / 2));
    }

    /**
     * Runs the iterations on bit-packed samples (bits 0..n−1 the query, bit n the label) until a candidate passes the
     * test, {@code maxSystems} systems were tried or {@code maxSeconds} passed. {@code pool} and {@code test} are read,
     * never modified.
     */
    static Result solve(long[] pool, long[] test, int n, Plan plan, long maxSystems, double maxSeconds, long seed) {
        return run(pool, test, n, plan, maxSystems, maxSeconds, seed, true);
    }

    /**
     * Unit costs measured on a fixed budget of systems, after as many again to warm up the JIT: a solve that
     * succeeds early is too short and too cold to time them (its first systems run interpreted).
     */
    static GuessThenEliminateCost.UnitCosts calibrate(long[] pool, long[] test, int n, Plan plan, long systems,
            long seed) {
        run(pool, test, n, plan, systems, Double.POSITIVE_INFINITY, seed, false);
        Result r = run(pool, test, n, plan, systems, Double.POSITIVE_INFINITY, seed + 1, false);
        return new GuessThenEliminateCost.UnitCosts(n, r.eliminationSeconds() / r.systems(),
                r.testSeconds() / r.evaluations());
    }

    /** The iterations; with {@code stopAtAccept} false they run on past accepted candidates (for timing). */
    private static Result run(long[] pool, long[] test, int n, Plan plan, long maxSystems, double maxSeconds,
            long seed, boolean stopAtAccept) {
        long t0 = System.nanoTime();
        SplittableRandom rng = new SplittableRandom(seed);
        long[] rows = new long[n];
        int[] pivotCol = new int[n];
        long[] free = new long[n];
        long candidates = 0;
        long evaluations = 0;
        long eliminationNanos = 0;
        long testNanos = 0;
        for (long sys = 1; sys <= maxSystems; sys++) {
            if (sys % TIME_CHECK_EVERY == 0 && (System.nanoTime() - t0) / 1e9 > maxSeconds) {
                return new Result(-1, plan, sys - 1, candidates, evaluations, eliminationNanos / 1e9, testNanos / 1e9,
                        (System.nanoTime() - t0) / 1e9, "time cap " + maxSeconds + " s reached");
            }
            long e0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                rows[i] = pool[rng.nextInt(pool.length)];
            }
            int rank = reduce(rows, n, pivotCol);
            int d = n - rank;
            long s = d <= MAX_GUESSES ? coset(rows, n, rank, pivotCol, free) : 0;
            long e1 = System.nanoTime();
            eliminationNanos += e1 - e0;
            if (d > MAX_GUESSES) {
                continue;
            }
            // Gray-code order: consecutive settings of the free coordinates differ in one bit, so one XOR each.
            for (int g = 0; g < 1 << d; g++) {
                if (g > 0) {
                    s ^= free[Integer.numberOfTrailingZeros(g)];
                }
                candidates++;
                int read = rejectedAfter(test, s, n, plan.threshold());
                evaluations += read < 0 ? test.length : read;
                if (read < 0 && stopAtAccept) {
                    testNanos += System.nanoTime() - e1;
                    return new Result(s, plan, sys, candidates, evaluations, eliminationNanos / 1e9, testNanos / 1e9,
                            (System.nanoTime() - t0) / 1e9, "");
                }
            }
            testNanos += System.nanoTime() - e1;
        }
        return new Result(-1, plan, maxSystems, candidates, evaluations, eliminationNanos / 1e9, testNanos / 1e9,
                (System.nanoTime() - t0) / 1e9, "no candidate passed in " + maxSystems + " systems");
    }

    /**
     * Reduces the rows [A | b] (bit-packed, n coefficient bits) in place to reduced row echelon form over GF(2): rows
     * 0..rank−1 hold the pivots, row i's in column {@code pivotCol[i]} (written), and no other row has a one there; the
     * remaining rows have zero coefficients. Returns the rank.
     */
    static int reduce(long[] rows, int n, int[] pivotCol) {
        int rank = 0;
        for (int col = 0; col < n && rank < rows.length; col++) {
            long bit = 1L << col;
            int p = rank;
            while (p < rows.length && (rows[p] & bit) == 0) {
                p++;
            }
            if (p == rows.length) {
                continue;
            }
            long pivot = rows[p];
            rows[p] = rows[rank];
            rows[rank] = pivot;
            for (int r = 0; r < rows.length; r++) {
                if (r != rank && (rows[r] & bit) != 0) {
                    rows[r] ^= pivot;
                }
            }
            pivotCol[rank++] = col;
        }
        return rank;
    }

    /**
     * The candidates of a reduced system as s₀ + span(directions): returns s₀ (free coordinates 0) and writes, for the
     * j-th free column f (in increasing order), the change of s when s_f is set to 1: bit f plus bit pivotCol[i] of
     * every pivot row i with a one in column f.
     */
    static long coset(long[] rows, int n, int rank, int[] pivotCol, long[] directions) {
        long s = 0;
        long pivots = 0;
        for (int i = 0; i < rank; i++) {
            s |= ((rows[i] >>> n) & 1) << pivotCol[i];
            pivots |= 1L << pivotCol[i];
        }
        int j = 0;
        for (int f = 0; f < n; f++) {
            if ((pivots >>> f & 1) != 0) {
                continue;
            }
            long dir = 1L << f;
            for (int i = 0; i < rank; i++) {
                dir |= ((rows[i] >>> f) & 1) << pivotCol[i];
            }
            directions[j++] = dir;
        }
        return s;
    }

    /**
     * The hypothesis test: reads the test samples in order counting disagreements ⟨a, s⟩ ≠ b and stops when the count
     * reaches {@code threshold}. Returns how many samples were read then (s rejected), or −1 when all were read with
     * fewer disagreements (s accepted).
     */
    static int rejectedAfter(long[] test, long s, int n, int threshold) {
        int count = 0;
        for (int i = 0; i < test.length; i++) {
            long row = test[i];
            count += (Long.bitCount(row & s) ^ (int) (row >>> n)) & 1;
            if (count >= threshold) {
                return i + 1;
            }
        }
        return -1;
    }
}
