package org.lmlab.repro.lpn;

import java.util.SplittableRandom;
import org.bytedeco.pytorch.Generator;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.lmlab.tensor.Tensors;

/**
 * Learning parity with noise: samples (a, ⟨a, s⟩ ⊕ e) with a uniform in {0,1}^n, e ∼ Bernoulli(τ), a fixed secret s of
 * Hamming weight ⌊w·n⌋ (the public code's convention; w = 0.2 by default). Batches are drawn in libtorch from a
 * generator seeded once, so the whole sample stream is a function of the seed and every solver can be given the same
 * samples.
 */
final class LpnOracle {
    final int n;
    final double tau;
    final long secret;
    private final Tensor secretColumn;
    private final Generator generator;

    LpnOracle(int n, double tau, double weight, long seed) {
        this(n, tau, weight, seed, seed ^ 0x5DEECE66DL);
    }

    /** The same secret (from {@code seed}) with its own sample stream (from {@code streamSeed}). */
    LpnOracle(int n, double tau, double weight, long seed, long streamSeed) {
        if (n > 62) {
            throw new IllegalArgumentException("n <= 62 (secrets are bit-packed in a long)");
        }
        this.n = n;
        this.tau = tau;
        SplittableRandom rng = new SplittableRandom(seed);
        long s = 0;
        int k = (int) Math.floor(weight * n);
        while (Long.bitCount(s) < k) {
            s |= 1L << rng.nextInt(n);
        }
        this.secret = s;
        long[] bits = new long[n];
        for (int i = 0; i < n; i++) {
            bits[i] = (s >>> i) & 1;
        }
        this.secretColumn = Tensors.longs(bits, n, 1);
        this.generator = torch.createCPUGenerator(streamSeed);
    }

    /** A batch: a [m, n] int64 in {0,1}, noisy labels [m] int64 in {0,1}. */
    record Batch(Tensor a, Tensor labels) {
        /** The ±1 encoding of the queries the networks read: 1 − 2a, float32. */
        Tensor signs() {
            return a.to(torch.ScalarType.Float).mul(Tensors.s(-2.0)).add_(Tensors.s(1.0));
        }
    }

    Batch draw(int m) {
        GeneratorOptional g = new GeneratorOptional(generator);
        Tensor a = torch.randint(2, new long[] {m, n}, g, Tensors.options(torch.ScalarType.Long));
        Tensor clean = a.matmul(secretColumn).squeeze(1).remainder(Tensors.s(2L));
        Tensor noise = torch.bernoulli(torch.full(new long[] {m}, Tensors.s(tau),
                new org.bytedeco.pytorch.DimnameListOptional(), Tensors.options(torch.ScalarType.Double)), g)
                .to(torch.ScalarType.Long);
        return new Batch(a, clean.bitwise_xor(noise));
    }

    /** Bit-packed rows: bits 0..n−1 hold a, bit n holds the label (for elimination). */
    static long[] pack(Batch b) {
        int n = (int) b.a().size(1);
        long[] weights = new long[n];
        for (int i = 0; i < n; i++) {
            weights[i] = 1L << i;
        }
        // One matmul packs every row; the label goes to bit n.
        Tensor packed = b.a().matmul(Tensors.longs(weights, n, 1)).squeeze(1)
                .add(b.labels().mul(Tensors.s(1L << n)));
        return Tensors.toLongs(packed);
    }
}
