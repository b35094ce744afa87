package org.lmlab.repro.lpn;

import java.util.SplittableRandom;

/**
 * The elimination baseline for LPN (Prange-style information-set decoding over GF(2)): repeatedly pick n random
 * samples from the pool, solve the n × n system A s = b by Gaussian elimination (bit-packed rows, XOR row operations),
 * and accept the candidate when its agreement with the whole pool, (1/N) Σ 1[⟨aᵢ, s⟩ = bᵢ], is at least the midpoint
 * between 1/2 (a wrong s) and 1 − τ (the true s). A draw succeeds when its n samples are noise-free and independent,
 * probability ≈ 0.29·(1 − τ)^n, so the expected work is ~(1 − τ)^{−n} · (n³/64 + N) word operations.
 */
final class GaussianElimination {
    private GaussianElimination() {}

    /** The outcome: the secret (or −1 if not found), candidates tried, seconds. */
    record Result(long secret, long candidates, double seconds) {}

    static Result solve(long[] pool, int n, double tau, long maxCandidates, long seed) {
        long t0 = System.nanoTime();
        SplittableRandom rng = new SplittableRandom(seed);
        double accept = (0.5 + (1 - tau)) / 2;
        long labelBit = 1L << n;
        long mask = labelBit - 1;
        long[] rows = new long[n];
        for (long c = 1; c <= maxCandidates; c++) {
            for (int i = 0; i < n; i++) {
                rows[i] = pool[rng.nextInt(pool.length)];
            }
            long s = eliminate(rows, n, mask, labelBit);
            if (s >= 0 && agreement(pool, s, n, mask) >= accept) {
                return new Result(s, c, (System.nanoTime() - t0) / 1e9);
            }
        }
        return new Result(-1, maxCandidates, (System.nanoTime() - t0) / 1e9);
    }

    /** Solves in place; −1 when the n rows are dependent. */
    static long eliminate(long[] rows, int n, long mask, long labelBit) {
        for (int col = 0; col < n; col++) {
            long bit = 1L << col;
            int pivot = -1;
            for (int r = col; r < n; r++) {
                if ((rows[r] & bit) != 0) {
                    pivot = r;
                    break;
                }
            }
            if (pivot < 0) {
                return -1;
            }
            long tmp = rows[pivot];
            rows[pivot] = rows[col];
            rows[col] = tmp;
            for (int r = 0; r < n; r++) {
                if (r != col && (rows[r] & bit) != 0) {
                    rows[r] ^= rows[col];
                }
            }
        }
        long s = 0;
        for (int i = 0; i < n; i++) {
            if ((rows[i] & labelBit) != 0) {
                s |= 1L << i;
            }
        }
        return s & mask;
    }

    static double agreement(long[] pool, long s, int n, long mask) {
        int agree = 0;
        for (long row : pool) {
            int predicted = Long.bitCount(row & mask & s) & 1;
            int label = (int) ((row >>> n) & 1);
            agree += predicted == label ? 1 : 0;
        }
        return agree / (double) pool.length;
    }
}
