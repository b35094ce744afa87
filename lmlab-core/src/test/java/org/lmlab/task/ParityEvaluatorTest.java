package org.lmlab.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.function.UnaryOperator;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lmlab.tensor.Tensors;
import org.lmlab.tensor.Torch;

/**
 * The evaluator against hand-written "models" over the binary-coded layout: an oracle that continues its own chain
 * (c_j = fed-back c_{j−1} ⊕ x_{s_j}), one that gets c_1 wrong and chains on from it, and a constant answer.
 */
class ParityEvaluatorTest {
    private static final int[] SECRET = {1, 3};

    @BeforeAll
    static void init() {
        Torch.init();
    }

    private static SparseParity task(boolean cot) {
        return new SparseParity(new ParitySpec(5, 2, 3, 4, cot, true), 7);
    }

    /**
     * Logits [B, T, 3] that pick, after the query's X and each fed-back answer, the oracle's next token: c_1 =
     * x_{s1} (flipped when {@code flipFirst}), then c_{j+1} = (token just fed back) ⊕ x_{s_{j+1}}.
     */
    private static UnaryOperator<Tensor> oracle(SparseParity task, boolean flipFirst) {
        return ids -> {
            long b = ids.size(0);
            long t = ids.size(1);
            long[] in = Tensors.toLongs(ids);
            float[] out = new float[(int) (b * t * 3)];
            int marker = task.answerMarker(task.spec().examples() - 1);
            for (int i = 0; i < b; i++) {
                long code = in[(int) (i * t + marker)] - task.binaryInput().offset();
                for (int p = marker; p < t; p++) {
                    int a = p - marker;
                    long x = task.answers() == 1
                            ? ((code >> SECRET[0]) ^ (code >> SECRET[1])) & 1
                            : a == 0 ? ((code >> SECRET[0]) & 1) ^ (flipFirst ? 1 : 0)
                                    : in[(int) (i * t + p)] ^ ((code >> SECRET[a]) & 1);
                    out[(int) ((i * t + p) * 3 + x)] = 1f;
                }
            }
            return Tensors.floats(out, b, t, 3);
        };
    }

    @Test
    void ownChainIsScoredStepByStep() {
        SparseParity task = task(true);
        Device cpu = new Device("cpu");
        List<int[]> secrets = List.of(SECRET);
        assertArrayEquals(new double[] {1, 1},
                ParityEvaluator.accuracy(oracle(task, false), task, secrets, 50, 16, 3, cpu).perStep(), 0);
        // A wrong c_1 fed back makes the chained c_2 wrong too: the evaluator must feed back, not teacher-force.
        assertArrayEquals(new double[] {0, 0},
                ParityEvaluator.accuracy(oracle(task, true), task, secrets, 50, 16, 3, cpu).perStep(), 0);
    }

    @Test
    void constantAnswerScoresTheShareOfZerosAndNoCotHasOneStep() {
        SparseParity task = task(false);
        Device cpu = new Device("cpu");
        List<int[]> secrets = List.of(SECRET);
        ParityEvaluator.Accuracy perfect = ParityEvaluator.accuracy(oracle(task, false), task, secrets, 40, 16, 5, cpu);
        assertEquals(1, perfect.perStep().length);
        assertEquals(1.0, perfect.answer(), 0);
        UnaryOperator<Tensor> zeros = ids -> {
            float[] out = new float[(int) (ids.size(0) * ids.size(1) * 3)];
            for (int k = 0; k < out.length; k += 3) {
                out[k] = 1f;
            }
            return Tensors.floats(out, ids.size(0), ids.size(1), 3);
        };
        // Same seed ⇒ same queries: count the zero answers among them by hand.
        long[] in = Tensors.toLongs(task.batch(secrets, new java.util.Random(org.lmlab.tensor.Rng.mix(5, -11)), 40)
                .inputs());
        int marker = task.answerMarker(task.spec().examples() - 1);
        int zerosTrue = 0;
        for (int i = 0; i < 40; i++) {
            zerosTrue += in[i * task.seqLen() + marker + 1] == 0 ? 1 : 0;
        }
        assertEquals(zerosTrue / 40.0, ParityEvaluator.accuracy(zeros, task, secrets, 40, 40, 5, cpu).answer(), 0);
    }
}
