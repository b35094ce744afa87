package org.lmlab.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lmlab.model.Decoder;
import org.lmlab.tensor.Tensors;
import org.lmlab.tensor.Torch;

/** Splits cover every index in every role; sequences carry the right prefix parities at the right places. */
class SparseParityTest {
    @BeforeAll
    static void init() {
        Torch.init();
    }

    @Test
    void splitCoversEveryIndexInEveryRoleAndPartitionsTheSecrets() {
        assertEquals(28, ParitySplit.allSecrets(8, 2).size());
        for (long seed : new long[] {1, 2, 3, 99}) {
            ParitySplit.Split s = ParitySplit.split(8, 2, 14, new Random(seed));
            assertTrue(s.fullCoverage());
            Set<Integer> first = new HashSet<>();
            Set<Integer> second = new HashSet<>();
            Set<String> all = new HashSet<>();
            for (int[] t : s.train()) {
                first.add(t[0]);
                second.add(t[1]);
                all.add(t[0] + "," + t[1]);
            }
            assertEquals(Set.of(0, 1, 2, 3, 4, 5, 6), first, "s1 takes every value it can (0..6)");
            assertEquals(Set.of(1, 2, 3, 4, 5, 6, 7), second, "s2 takes every value it can (1..7)");
            for (int[] t : s.heldOut()) {
                assertTrue(all.add(t[0] + "," + t[1]), "held-out secrets are not trained");
            }
            assertEquals(28, all.size());
        }
        assertTrue(ParitySplit.split(8, 2, 7, new Random(1)).fullCoverage(), "7 tasks can cover 7 + 7 roles");
    }

    @Test
    void chainOfThoughtLayoutHandChecked() {
        ParitySpec spec = new ParitySpec(4, 2, 3, 2, true);
        SparseParity task = new SparseParity(spec, 1);
        assertEquals(7, task.period());
        Batch b = task.batch(List.of(new int[] {1, 3}), new Random(5), 1);
        long[] in = Tensors.toLongs(b.inputs());
        long[] tg = Tensors.toLongs(b.targets());
        for (int e = 0; e < 2; e++) {
            int o = 7 * e;
            long c1 = in[o + 1];
            long c2 = in[o + 1] ^ in[o + 3];
            assertArrayEquals(new long[] {SparseParity.ANSWER, c1, c2}, java.util.Arrays.copyOfRange(in, o + 4, o + 7));
            assertArrayEquals(new long[] {Decoder.IGNORE, Decoder.IGNORE, Decoder.IGNORE, Decoder.IGNORE, c1, c2,
                Decoder.IGNORE}, java.util.Arrays.copyOfRange(tg, o, o + 7));
        }
    }

    @Test
    void withoutChainOfThoughtOnlyTheParityIsShown() {
        SparseParity task = new SparseParity(new ParitySpec(4, 2, 3, 2, false), 1);
        assertEquals(6, task.period());
        Batch b = task.batch(List.of(new int[] {0, 2}), new Random(6), 1);
        long[] in = Tensors.toLongs(b.inputs());
        long[] tg = Tensors.toLongs(b.targets());
        assertEquals(in[0] ^ in[2], in[5]);
        assertEquals(in[5], tg[4]);
        assertEquals(Decoder.IGNORE, tg[5]);
    }

    @Test
    void vectorInputLayoutHandChecked() {
        SparseParity task = new SparseParity(new ParitySpec(4, 2, 3, 2, true, true), 1);
        assertEquals(3, task.period());
        assertEquals(3 + 16, task.vocabSize());
        assertEquals(new org.lmlab.model.BinaryInput(3, 4), task.binaryInput());
        Batch b = task.batch(List.of(new int[] {1, 3}), new Random(5), 1);
        long[] in = Tensors.toLongs(b.inputs());
        long[] tg = Tensors.toLongs(b.targets());
        for (int e = 0; e < 2; e++) {
            long code = in[3 * e] - 3;
            assertTrue(code >= 0 && code < 16);
            long c1 = (code >> 1) & 1;
            long c2 = c1 ^ ((code >> 3) & 1);
            assertArrayEquals(new long[] {c1, c2}, java.util.Arrays.copyOfRange(in, 3 * e + 1, 3 * e + 3));
            assertArrayEquals(new long[] {c1, c2, Decoder.IGNORE}, java.util.Arrays.copyOfRange(tg, 3 * e, 3 * e + 3));
        }
        assertEquals(3, task.answerMarker(1));
    }
}
