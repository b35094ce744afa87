package org.lmlab.task;

import java.util.List;
import java.util.Random;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.LongOptional;
import org.bytedeco.pytorch.Tensor;
import org.lmlab.model.Decoder;
import org.lmlab.tensor.NoGrad;
import org.lmlab.tensor.Rng;
import org.lmlab.tensor.Tensors;

/**
 * Query accuracy of {@link SparseParity} with the model's own chain of thought: the query's answer tokens are
 * blanked, then generated greedily one at a time (c_1, fed back, c_2, …); the final c_k is scored against the true
 * parity. Without chain of thought it is the one answer token. In-context examples keep their true answers.
 */
public final class ParityEvaluator {
    private ParityEvaluator() {}

    public static double accuracy(Decoder model, SparseParity task, List<int[]> secrets, int count, int batchSize,
            long seed, Device device) {
        Random r = new Random(Rng.mix(seed, -11));
        long correct = 0;
        int len = task.seqLen();
        int marker = task.answerMarker(task.spec().examples() - 1);
        for (int done = 0; done < count; done += batchSize) {
            int n = Math.min(batchSize, count - done);
            try (NoGrad g = NoGrad.enter(); PointerScope scope = new PointerScope()) {
                Batch b = task.batch(secrets, r, n);
                long[] ids = Tensors.toLongs(b.inputs());
                long[] truth = new long[n];
                for (int i = 0; i < n; i++) {
                    truth[i] = ids[i * len + marker + task.answers()];
                    for (int a = 1; a <= task.answers(); a++) {
                        ids[i * len + marker + a] = 0;
                    }
                }
                for (int a = 0; a < task.answers(); a++) {
                    Tensor x = Tensors.longs(ids, n, len).narrow(1, 0, marker + a + 1).to(device,
                            org.bytedeco.pytorch.global.torch.ScalarType.Long);
                    long[] next = Tensors.toLongs(model.forward(x).select(1, marker + a)
                            .argmax(new LongOptional(-1), false));
                    for (int i = 0; i < n; i++) {
                        ids[i * len + marker + a + 1] = next[i];
                    }
                }
                for (int i = 0; i < n; i++) {
                    correct += ids[i * len + marker + task.answers()] == truth[i] ? 1 : 0;
                }
            }
        }
        return correct / (double) count;
    }
}
