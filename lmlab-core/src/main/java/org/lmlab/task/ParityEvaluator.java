package org.lmlab.task;

import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.LongOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.lmlab.model.Decoder;
import org.lmlab.tensor.NoGrad;
import org.lmlab.tensor.Rng;
import org.lmlab.tensor.Tensors;

/**
 * Query accuracy of {@link SparseParity} with the model's own chain of thought: the query's answer tokens are
 * blanked, then generated greedily one at a time (c_1, fed back, c_2, …). Each generated c_j is scored against the
 * true c_j, so a step reads "right given the model's own earlier steps"; the last step (c_k, the parity) is the
 * query accuracy. Without chain of thought there is one step, the answer. In-context examples keep their true
 * answers.
 */
public final class ParityEvaluator {
    private ParityEvaluator() {}

    /** Fraction of queries whose generated c_j equals the true c_j, per step j = 1 … (k or 1). */
    public record Accuracy(double[] perStep) {
        /** The query's answer: the last step. */
        public double answer() {
            return perStep[perStep.length - 1];
        }
    }

    public static Accuracy accuracy(Decoder model, SparseParity task, List<int[]> secrets, int count, int batchSize,
            long seed, Device device) {
        return accuracy(model::forward, task, secrets, count, batchSize, seed, device);
    }

    /** As above for any {@code logits} function: ids [B, T] → logits [B, T, ≥ 2] (a decoder's forward). */
    public static Accuracy accuracy(UnaryOperator<Tensor> logits, SparseParity task, List<int[]> secrets, int count,
            int batchSize, long seed, Device device) {
        Random r = new Random(Rng.mix(seed, -11));
        int steps = task.answers();
        long[] correct = new long[steps];
        int len = task.seqLen();
        int marker = task.answerMarker(task.spec().examples() - 1);
        for (int done = 0; done < count; done += batchSize) {
            int n = Math.min(batchSize, count - done);
            try (NoGrad g = NoGrad.enter(); PointerScope scope = new PointerScope()) {
                long[] ids = Tensors.toLongs(task.batch(secrets, r, n).inputs());
                long[] truth = new long[n * steps];
                for (int i = 0; i < n; i++) {
                    for (int a = 0; a < steps; a++) {
                        truth[i * steps + a] = ids[i * len + marker + 1 + a];
                        ids[i * len + marker + 1 + a] = 0;
                    }
                }
                for (int a = 0; a < steps; a++) {
                    Tensor x = Tensors.longs(ids, n, len).narrow(1, 0, marker + a + 1).to(device,
                            torch.ScalarType.Long);
                    long[] next = Tensors.toLongs(logits.apply(x).select(1, marker + a)
                            .argmax(new LongOptional(-1), false));
                    for (int i = 0; i < n; i++) {
                        ids[i * len + marker + a + 1] = next[i];
                        correct[a] += next[i] == truth[i * steps + a] ? 1 : 0;
                    }
                }
            }
        }
        double[] perStep = new double[steps];
        for (int a = 0; a < steps; a++) {
            perStep[a] = correct[a] / (double) count;
        }
        return new Accuracy(perStep);
    }
}
