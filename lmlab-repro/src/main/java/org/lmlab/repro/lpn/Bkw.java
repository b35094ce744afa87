package org.lmlab.repro.lpn;

import java.util.Arrays;

/**
 * The BKW algorithm for LPN (Blum, Kalai, Wasserman 2003, "Noise-tolerant learning, the parity problem, and the
 * statistical query model", §4), with the last block decoded by a Walsh–Hadamard transform as in Levieil and Fouque
 * 2006 ("An improved LPN algorithm", LF1) instead of one bit at a time.
 *
 * <p>Split the n coordinates into a blocks of b bits (b = ⌈n/a⌉, so a·b = n when a divides n; otherwise the last block
 * is shorter). Reduction step j: bucket the samples by their bits in block j, keep one representative per bucket and
 * replace every other sample x of the bucket by x ⊕ rep (query and label both) — the result is zero on block j and
 * each bucket loses one sample. Since labels are linear, a sample reduced over blocks 0..a−2 is a sum of 2^(a−1)
 * originals (fewer when two halves shared a representative, which then cancels) with
 * <pre>
 *   reduced label = ⟨reduced a, s⟩ ⊕ (xor of the 2^(a−1) constituent noises),
 *   Pr[xor of noises = 0] = (1 + ε^(2^(a−1)))/2,  ε = 1 − 2τ   (piling-up lemma),
 * </pre>
 * and its query is supported on the last block only. The last block of s is then the maximiser of the Walsh–Hadamard
 * transform F(σ) = Σ_reduced (−1)^(label ⊕ ⟨a, σ⟩) over the 2^b candidates σ (a majority vote for each σ at once).
 * That block is peeled off the original samples (label ⊕= ⟨a_last, σ⟩, bits cleared) and the same procedure recovers
 * the remaining a−1 blocks, the final one by a plain transform with bias ε. The candidate is verified like
 * elimination's: agreement with the samples at least the midpoint of 1/2 and 1 − τ.
 *
 * <p>Sample need: the first stage is the hardest. With bias δ = ε^(2^(a−1)) the correct σ scores ≈ Mδ on M reduced
 * samples against noise √M, and must beat 2^b wrong candidates, so M ≈ (√(2 b ln 2) + 3)² / δ²; reduction consumes
 * up to 2^b samples per step, and representatives shared between pairs correlate the scores (about doubling the
 * variance), so the budget is N = 2M + (a−1)·2^b. {@link #plan} picks the a ≥ 2 that minimises N.
 */
final class Bkw {
    /** Widest block the transform and bucket tables may take (2^24 entries). */
    static final int MAX_BLOCK = 24;
    /** z-margin of the correct candidate's score above the largest wrong one, in noise standard deviations. */
    private static final double MARGIN = 3;

    private Bkw() {}

    /** a blocks of b bits and the estimated number of original samples N this needs at (n, τ). */
    record Plan(int a, int b, double samples) {}

    /**
     * The outcome: the secret (−1 when a stage ran out of time or the candidate failed verification), the samples
     * given, the reduced samples left for the first (hardest) transform, and why it failed ("" on success).
     */
    record Result(long secret, Plan plan, int samples, int reduced, double seconds, String failure) {}

    /** The a ≥ 2 minimising the estimated sample need (a plan needing ∞ samples when no block size fits). */
    static Plan plan(int n, double tau) {
        Plan best = new Plan(2, (n + 1) / 2, Double.POSITIVE_INFINITY);
        for (int a = 2; a <= n; a++) {
            int b = (n + a - 1) / a;
            if (b > MAX_BLOCK || (a - 1) * b >= n) {
                continue;
            }
            double need = samplesNeeded(n, tau, a, b);
            if (need < best.samples()) {
                best = new Plan(a, b, need);
            }
        }
        return best;
    }

    /** N = 2M + (a−1)·2^b with M = (√(2 b ln 2) + 3)² / ε^(2^a), ε = 1 − 2τ (see the class comment). */
    static double samplesNeeded(int n, double tau, int a, int b) {
        double bias = Math.pow(1 - 2 * tau, Math.pow(2, a - 1));
        double m = Math.pow(Math.sqrt(2 * b * Math.log(2)) + MARGIN, 2) / (bias * bias);
        return 2 * m + (a - 1) * Math.pow(2, b);
    }

    /**
     * Runs BKW with {@code plan}'s blocks on bit-packed samples (bits 0..n−1 the query, bit n the label; the caller's
     * array is not modified). Stops with a failure once {@code maxSeconds} have passed between stages.
     */
    static Result solve(long[] samples, int n, double tau, Plan plan, double maxSeconds) {
        long t0 = System.nanoTime();
        int a = plan.a();
        int b = plan.b();
        long labelBit = 1L << n;
        long[] work = samples.clone();
        long secret = 0;
        int firstReduced = -1;
        // Stage k recovers block k−1 (bits [(k−1)·b, hi)) after reducing blocks 0..k−2.
        for (int k = a, hi = n; k >= 1; hi = (k - 1) * b, k--) {
            if ((System.nanoTime() - t0) / 1e9 > maxSeconds) {
                return new Result(-1, plan, samples.length, Math.max(firstReduced, 0), seconds(t0),
                        "time cap " + maxSeconds + " s reached");
            }
            long[] reduced = work;
            for (int j = 0; j < k - 1; j++) {
                reduced = reduce(reduced, j * b, b);
            }
            if (firstReduced < 0) {
                firstReduced = reduced.length;
            }
            int lo = (k - 1) * b;
            long block = bestCandidate(reduced, lo, hi - lo, n);
            secret |= block << lo;
            long blockMask = ((1L << (hi - lo)) - 1) << lo;
            for (int i = 0; i < work.length; i++) {
                long row = work[i];
                long flip = (Long.bitCount(row & blockMask & (block << lo)) & 1) == 1 ? labelBit : 0;
                work[i] = (row & ~blockMask) ^ flip;
            }
        }
        double accept = (0.5 + (1 - tau)) / 2;
        if (GaussianElimination.agreement(samples, secret, n, labelBit - 1) < accept) {
            return new Result(-1, plan, samples.length, firstReduced, seconds(t0),
                    "candidate failed verification (too few samples for bias ε^" + (1L << (a - 1)) + ")");
        }
        return new Result(secret, plan, samples.length, firstReduced, seconds(t0), "");
    }

    /**
     * One reduction step: a new array holding, for every sample whose bits [lo, lo+width) match an earlier
     * representative's, the XOR of the two (whole words, so any bits above the label are XOR-ed too). Representatives
     * themselves are dropped.
     */
    static long[] reduce(long[] rows, int lo, int width) {
        int buckets = 1 << width;
        long[] rep = new long[buckets];
        boolean[] seen = new boolean[buckets];
        long[] out = new long[rows.length];
        int m = 0;
        for (long row : rows) {
            int key = (int) ((row >>> lo) & (buckets - 1));
            if (seen[key]) {
                out[m++] = row ^ rep[key];
            } else {
                seen[key] = true;
                rep[key] = row;
            }
        }
        return Arrays.copyOf(out, m);
    }

    /**
     * argmax over σ ∈ {0,1}^width of F(σ) = Σ (−1)^(label ⊕ ⟨a_block, σ⟩), by the fast Walsh–Hadamard transform of
     * the signed bucket counts f(v) = Σ_{a_block = v} (−1)^label.
     */
    static long bestCandidate(long[] rows, int lo, int width, int n) {
        int size = 1 << width;
        long[] f = new long[size];
        for (long row : rows) {
            f[(int) ((row >>> lo) & (size - 1))] += ((row >>> n) & 1) == 0 ? 1 : -1;
        }
        for (int h = 1; h < size; h <<= 1) {
            for (int i = 0; i < size; i += h << 1) {
                for (int j = i; j < i + h; j++) {
                    long x = f[j];
                    long y = f[j + h];
                    f[j] = x + y;
                    f[j + h] = x - y;
                }
            }
        }
        int best = 0;
        for (int sigma = 1; sigma < size; sigma++) {
            if (f[sigma] > f[best]) {
                best = sigma;
            }
        }
        return best;
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
