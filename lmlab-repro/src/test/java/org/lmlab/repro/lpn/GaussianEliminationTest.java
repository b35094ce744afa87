package org.lmlab.repro.lpn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.bytedeco.javacpp.PointerScope;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lmlab.tensor.Torch;

class GaussianEliminationTest {
    @BeforeAll
    static void init() {
        Torch.init();
    }

    /** Noise-free samples: agreement of the true secret with its own labels is 1, and elimination finds it. */
    @Test
    void recoversTheSecretWithoutAndWithNoise() {
        try (PointerScope s = new PointerScope()) {
            LpnOracle clean = new LpnOracle(14, 0, 0.5, 4);
            long[] pool = LpnOracle.pack(clean.draw(400));
            assertEquals(1.0, GaussianElimination.agreement(pool, clean.secret, 14, (1L << 14) - 1), 0);
            assertEquals(clean.secret, GaussianElimination.solve(pool, 14, 0, 1000, 1).secret());
            LpnOracle noisy = new LpnOracle(14, 0.2, 0.5, 5);
            long[] noisyPool = LpnOracle.pack(noisy.draw(2000));
            GaussianElimination.Result r = GaussianElimination.solve(noisyPool, 14, 0.2, 1_000_000, 2);
            assertEquals(noisy.secret, r.secret());
        }
    }

    /** The label rate of the oracle: a fraction τ of labels disagree with ⟨a, s⟩. */
    @Test
    void oracleNoiseRate() {
        try (PointerScope s = new PointerScope()) {
            LpnOracle o = new LpnOracle(20, 0.3, 0.2, 9);
            assertEquals(4, Long.bitCount(o.secret), "Hamming weight floor(0.2 n)");
            long[] pool = LpnOracle.pack(o.draw(100_000));
            assertEquals(0.7, GaussianElimination.agreement(pool, o.secret, 20, (1L << 20) - 1), 0.006);
        }
    }
}
