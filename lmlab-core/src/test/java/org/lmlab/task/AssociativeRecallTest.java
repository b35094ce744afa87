package org.lmlab.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lmlab.model.Decoder;
import org.lmlab.tensor.Tensors;
import org.lmlab.tensor.Torch;

/** The recall layouts token by token: per-batch length and padding, distinct keys, SEP, query targets, tool slots. */
class AssociativeRecallTest {
    @BeforeAll
    static void init() {
        Torch.init();
    }

    private static final long I = Decoder.IGNORE;

    @Test
    void plainLayoutHandChecked() {
        // keys 0..3, values 4..7, SEP 8, PAD 9; N = 2 alone is unpadded, beside an N = 3 row left-padded; Q = 3.
        RecallSpec spec = new RecallSpec(2, List.of(3), 4, 4, 3, false, 0, 0);
        AssociativeRecall task = new AssociativeRecall(spec, 1);
        AssociativeRecall.Instance x = new AssociativeRecall.Instance(new int[] {2, 0}, new int[] {5, 7},
                new int[] {0, 2, 0});
        Batch alone = task.encode(List.of(x));
        assertArrayEquals(new long[] {2, 5, 0, 7, 8, 0, 2, 0}, Tensors.toLongs(alone.inputs()));
        assertArrayEquals(new long[] {I, I, I, I, I, 7, 5, 7}, Tensors.toLongs(alone.targets()));
        AssociativeRecall.Instance y = new AssociativeRecall.Instance(new int[] {1, 3, 0}, new int[] {4, 4, 6},
                new int[] {3, 1, 0});
        Batch mixed = task.encode(List.of(x, y));
        assertArrayEquals(new long[] {9, 9, 2, 5, 0, 7, 8, 0, 2, 0, 1, 4, 3, 4, 0, 6, 8, 3, 1, 0},
                Tensors.toLongs(mixed.inputs()));
        assertArrayEquals(new long[] {I, I, I, I, I, I, I, 7, 5, 7, I, I, I, I, I, I, I, 4, 4, 6},
                Tensors.toLongs(mixed.targets()));
        assertEquals(10, task.seqLen(), "the longest row: N = 3");
        assertEquals(10, task.vocabSize());
    }

    @Test
    void retrievalLayoutHandChecked() {
        RecallSpec spec = new RecallSpec(2, List.of(), 4, 4, 2, true, 0, 0);
        AssociativeRecall task = new AssociativeRecall(spec, 1);
        AssociativeRecall.Instance x = new AssociativeRecall.Instance(new int[] {2, 0}, new int[] {5, 7},
                new int[] {0, 2});
        Batch b = task.encode(List.of(x));
        // context, SEP, then per query: q (model emits q), tool appends q v, answer target at v.
        assertArrayEquals(new long[] {2, 5, 0, 7, 8, 0, 0, 7, 2, 2, 5}, Tensors.toLongs(b.inputs()));
        assertArrayEquals(new long[] {I, I, I, I, I, 0, I, 7, 2, I, 5}, Tensors.toLongs(b.targets()));
    }

    @Test
    void instancesHaveDistinctKeysAndQueriesFromTheContext() {
        RecallSpec spec = new RecallSpec(8, List.of(), 32, 32, 16, false, 0, 0);
        AssociativeRecall task = new AssociativeRecall(spec, 3);
        for (AssociativeRecall.Instance x : task.heldOut(50)) {
            Set<Integer> keys = new HashSet<>();
            for (int k : x.keys()) {
                assertTrue(k >= 0 && k < 32 && keys.add(k), "distinct key tokens");
            }
            for (int v : x.values()) {
                assertTrue(v >= 32 && v < 64);
            }
            int[] seen = new int[32];
            for (int q : x.queries()) {
                assertTrue(keys.contains(q));
                seen[q]++;
            }
            for (int k : keys) {
                assertEquals(2, seen[k], "16 queries over 8 keys: every key asked twice");
            }
        }
    }

    @Test
    void curriculumAndDeterminism() {
        RecallSpec spec = new RecallSpec(32, List.of(8, 16, 32), 32, 32, 16, false, 4, 10);
        AssociativeRecall task = new AssociativeRecall(spec, 5);
        Batch first = task.trainBatch(3, 2);
        long[] early = Tensors.toLongs(first.inputs());
        assertEquals(2 * 4 + 1 + 16, first.inputs().size(1), "curriculum batches hold N = 4, unpadded");
        assertEquals(task.sepToken(), early[2 * 4]);
        assertArrayEquals(early, Tensors.toLongs(task.trainBatch(3, 2).inputs()));
        assertArrayEquals(Tensors.toLongs(task.evalBatches(4, 2).get(1).targets()),
                Tensors.toLongs(new AssociativeRecall(spec, 5).evalBatches(4, 2).get(1).targets()));
    }
}
