package org.lmlab.repro.lpn;

/**
 * The expected running time of {@link GuessThenEliminate} at (n, τ), to extrapolate measured runs to sizes out of
 * reach:
 * <pre>
 *   T(n, τ) = (1 / p_success) · (c_sys · n² + E[2^d] · (½ + τ) · m · c_read),
 *   p_success = Σ_{d ≤ 10} Pr[d] · (1 − τ)^(n − d),   E[2^d] = E|ker A| = Σ_x Pr[A x = 0] = 2 − 2^(−n),
 * </pre>
 * with d = n − rank A the rank deficiency of a uniform n × n matrix over GF(2),
 * Pr[d] = 2^(−d²) · Π_{i<n−d} (1 − 2^(i−n))² / Π_{j=1}^{n−d} (1 − 2^(−j)) (the count of rank-r matrices divided by
 * 2^(n²)). An iteration succeeds when its rank-many pivot rows are noise-free — which rows become pivots depends on the
 * queries only, not on the labels — so p_success exceeds (1 − τ)^n by the factor E[(1 − τ)^(−d)] (≈ 1.3 at τ = 0.25).
 * A wrong candidate disagrees with the test samples at rate ½ and so reaches the threshold t ≈ (½ + τ) m / 2 after
 * ≈ (½ + τ) m reads. c_sys (per system, ∝ n²: n one-word rows, n pivot columns) and c_read (per test sample) are
 * measured ({@link GuessThenEliminate#calibrate}); m comes from {@link GuessThenEliminate#plan}.
 */
final class GuessThenEliminateCost {
    private GuessThenEliminateCost() {}

    /** Measured seconds per system (elimination and building the coset) at n, and per test sample read. */
    record UnitCosts(int n, double secondsPerSystem, double secondsPerSample) {}

    /** T(n, τ) of the class comment, in seconds. */
    static double predictedSeconds(UnitCosts c, int n, double tau) {
        double perSystem = c.secondsPerSystem() * Math.pow((double) n / c.n(), 2);
        double candidates = 2 - Math.pow(2, -n);
        double reads = (0.5 + tau) * GuessThenEliminate.plan(n, tau).test();
        return (perSystem + candidates * reads * c.secondsPerSample()) / successProbability(n, tau);
    }

    /** p_success: the pivot rows are noise-free and the deficiency is within the guessing cap. */
    static double successProbability(int n, double tau) {
        double p = 0;
        for (int d = 0; d <= Math.min(n, GuessThenEliminate.MAX_GUESSES); d++) {
            p += deficiencyProbability(n, d) * Math.pow(1 - tau, n - d);
        }
        return p;
    }

    /** Pr[n − rank A = d] for A uniform in GF(2)^(n × n). */
    static double deficiencyProbability(int n, int d) {
        int r = n - d;
        double p = Math.pow(2, -(double) d * d);
        for (int i = 0; i < r; i++) {
            double f = 1 - Math.pow(2, i - n);
            p *= f * f;
        }
        for (int j = 1; j <= r; j++) {
            p /= 1 - Math.pow(2, -j);
        }
        return p;
    }
}
