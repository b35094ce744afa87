package org.lmlab.repro.lpn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.bytedeco.javacpp.PointerScope;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lmlab.tensor.Torch;

class BkwTest {
    @BeforeAll
    static void init() {
        Torch.init();
    }

    @Test
    void noiselessRecoversTheSecretWithTwoAndFourBlocks() {
        try (PointerScope s = new PointerScope()) {
            LpnOracle o = new LpnOracle(16, 0, 0.5, 3);
            long[] pool = LpnOracle.pack(o.draw(3000));
            for (Bkw.Plan plan : new Bkw.Plan[] {new Bkw.Plan(2, 8, 0), new Bkw.Plan(4, 4, 0)}) {
                Bkw.Result r = Bkw.solve(pool, 16, 0, plan, 60);
                assertEquals(o.secret, r.secret(), "a=" + plan.a());
                assertEquals("", r.failure());
            }
            // n = 15 in blocks of ⌈15/2⌉ = 8: the last block is 7 bits.
            LpnOracle odd = new LpnOracle(15, 0, 0.5, 4);
            assertEquals(odd.secret, Bkw.solve(LpnOracle.pack(odd.draw(3000)), 15, 0, new Bkw.Plan(2, 8, 0), 60)
                    .secret());
        }
    }

    /** With the planned budget BKW finds s at small noise; with far too few samples it says it failed. */
    @Test
    void noisyRecoversWithEnoughSamplesAndFailsHonestlyWithout() {
        try (PointerScope s = new PointerScope()) {
            LpnOracle o = new LpnOracle(16, 0.1, 0.5, 7);
            Bkw.Plan plan = Bkw.plan(16, 0.1);
            assertEquals(2, plan.a());
            long[] pool = LpnOracle.pack(o.draw((int) Math.ceil(plan.samples())));
            Bkw.Result r = Bkw.solve(pool, 16, 0.1, plan, 60);
            assertEquals(o.secret, r.secret());
            assertTrue(pool.length - r.reduced() <= 256, "one representative per bucket is dropped");
            // τ = 0.45 needs ~10⁶ samples; on 10⁴ the best wrong candidate agrees ≈ 0.517 < the 0.525 threshold.
            LpnOracle hard = new LpnOracle(16, 0.45, 0.5, 7);
            Bkw.Result starved = Bkw.solve(LpnOracle.pack(hard.draw(10_000)), 16, 0.45, Bkw.plan(16, 0.45), 60);
            assertEquals(-1, starved.secret());
            assertTrue(starved.failure().contains("verification"), starved.failure());
            Bkw.Result late = Bkw.solve(pool, 16, 0.1, plan, -1);
            assertEquals(-1, late.secret());
            assertTrue(late.failure().contains("time cap"), late.failure());
        }
    }

    /**
     * The reduction invariant on samples with known noise (carried in bit n + 1, which the reduction XORs along):
     * every reduced sample is zero on the reduced blocks, satisfies label = ⟨a, s⟩ ⊕ (xor of its constituent noises),
     * and each step drops exactly one representative per occupied bucket.
     */
    @Test
    void reductionKeepsLabelEqualToParityXorConstituentNoises() {
        int n = 15;
        int b = 5;
        SplittableRandom rng = new SplittableRandom(11);
        long s = rng.nextLong() & ((1L << n) - 1);
        long[] rows = new long[200_000];
        for (int i = 0; i < rows.length; i++) {
            long a = rng.nextLong() & ((1L << n) - 1);
            long e = rng.nextDouble() < 0.1 ? 1 : 0;
            rows[i] = a | ((Long.bitCount(a & s) & 1) ^ e) << n | e << (n + 1);
        }
        long[] reduced = rows;
        for (int j = 0; j < 2; j++) {
            Set<Long> buckets = new HashSet<>();
            for (long row : reduced) {
                buckets.add((row >>> (j * b)) & ((1L << b) - 1));
            }
            long[] next = Bkw.reduce(reduced, j * b, b);
            assertEquals(reduced.length - buckets.size(), next.length);
            reduced = next;
        }
        for (long row : reduced) {
            long a = row & ((1L << n) - 1);
            assertEquals(0, a & ((1L << (2 * b)) - 1), "blocks 0 and 1 reduced away");
            assertEquals((Long.bitCount(a & s) & 1) ^ ((row >>> (n + 1)) & 1), (row >>> n) & 1);
        }
    }

    /**
     * The same invariant with the constituents named: each of 56 samples carries a one-hot id above its label, so a
     * reduced sample's id bits list its originals. After two steps each is the XOR of 2 or 4 distinct originals (2 when
     * both halves shared their first-step representative, which cancels) and its label is ⟨a, s⟩ xor those originals'
     * noises, looked up in the noise vector drawn here.
     */
    @Test
    void reducedSamplesAreSumsOfAtMostFourNamedOriginals() {
        int n = 6;
        SplittableRandom rng = new SplittableRandom(5);
        long s = 0b101101;
        int count = 56;
        long[] noise = new long[count];
        long[] rows = new long[count];
        for (int i = 0; i < count; i++) {
            long a = rng.nextLong() & ((1L << n) - 1);
            noise[i] = rng.nextDouble() < 0.3 ? 1 : 0;
            rows[i] = a | ((Long.bitCount(a & s) & 1) ^ noise[i]) << n | 1L << (n + 1 + i);
        }
        long[] reduced = Bkw.reduce(Bkw.reduce(rows, 0, 2), 2, 2);
        assertTrue(reduced.length >= count - 8, "at most 4 buckets per step");
        for (long row : reduced) {
            long ids = row >>> (n + 1);
            int parts = Long.bitCount(ids);
            assertTrue(parts == 2 || parts == 4, "constituents: " + parts);
            long noiseXor = 0;
            for (int i = 0; i < count; i++) {
                noiseXor ^= ((ids >>> i) & 1) * noise[i];
            }
            long a = row & ((1L << n) - 1);
            assertEquals(0, a & 0b1111);
            assertEquals((Long.bitCount(a & s) & 1) ^ noiseXor, (row >>> n) & 1);
        }
    }

    /** The plan's formula at the reproduction's sizes: N = 2(√(2b ln 2) + 3)²/ε^(2^a) + (a−1)·2^b, least at a = 2. */
    @Test
    void planPicksTwoBlocksAtTheReproductionSizes() {
        Bkw.Plan p = Bkw.plan(20, 0.4);
        assertEquals(2, p.a());
        assertEquals(10, p.b());
        double m = Math.pow(Math.sqrt(20 * Math.log(2)) + 3, 2) / Math.pow(0.2, 4);
        assertEquals(2 * m + 1024, p.samples(), 1e-6);
        assertEquals(Bkw.samplesNeeded(20, 0.4, 2, 10), p.samples(), 0);
        assertTrue(Bkw.samplesNeeded(20, 0.4, 4, 5) > 1e10, "four blocks: bias 0.2^8");
    }
}
