package org.lmlab.task;

import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.LongOptional;
import org.bytedeco.pytorch.Tensor;
import org.lmlab.model.Decoder;
import org.lmlab.tensor.NoGrad;
import org.lmlab.tensor.Tensors;

/**
 * In-context retrieval augmentation (Wen, Dang and Lyu 2024, "RNNs are not Transformers (Yet)", §5.1): the model
 * emits a key; the tool searches the context for it and appends the matching pair {@code k v}; the model
 * continues and answers. Evaluation is closed-loop — the key looked up is the model's own greedy emission, never
 * the true query — so a model that emits the wrong key gets the wrong pair (or none: two PAD tokens when the key
 * is not in the context).
 *
 * <p>Per batch the queries are resolved in order, one forward pass each (query j's emission depends on the
 * pairs appended for queries before it). The lookup is the tool's own logic over a few hundred token ids.
 */
public final class RetrievalTool {
    private RetrievalTool() {}

    /** Answer accuracy over {@code count} held-out sequences of a retrieval-layout task. */
    public static double evaluate(Decoder model, AssociativeRecall task, int count, int batchSize, Device device) {
        if (!task.spec().retrieval()) {
            throw new IllegalArgumentException("the retrieval tool needs task.recall.retrieval: true");
        }
        List<AssociativeRecall.Instance> all = task.heldOut(count);
        long correct = 0;
        long total = 0;
        for (int start = 0; start < count; start += batchSize) {
            List<AssociativeRecall.Instance> rows = all.subList(start, Math.min(count, start + batchSize));
            try (NoGrad g = NoGrad.enter(); PointerScope scope = new PointerScope()) {
                correct += answer(model, task, rows, device);
                total += (long) rows.size() * task.spec().queries();
            }
        }
        return correct / (double) total;
    }

    private static long answer(Decoder model, AssociativeRecall task, List<AssociativeRecall.Instance> rows,
            Device device) {
        Tensor encoded = task.encode(rows).inputs();
        int len = (int) encoded.size(1);
        long[] ids = Tensors.toLongs(encoded);
        int q = task.spec().queries();
        // Blank every tool slot: nothing is looked up until the model has emitted its key.
        for (int b = 0; b < rows.size(); b++) {
            for (int j = 0; j < q; j++) {
                int p = b * len + task.queryPosition(j);
                ids[p + 1] = task.padToken();
                ids[p + 2] = task.padToken();
            }
        }
        long correct = 0;
        for (int j = 0; j < q; j++) {
            int pos = task.queryPosition(j);
            long[] emitted = predictAt(model, ids, rows.size(), len, pos, device);
            for (int b = 0; b < rows.size(); b++) {
                int key = (int) emitted[b];
                int value = rows.get(b).valueOf(key);
                int p = b * len + pos;
                ids[p + 1] = value < 0 ? task.padToken() : key;
                ids[p + 2] = value < 0 ? task.padToken() : value;
            }
            long[] answers = predictAt(model, ids, rows.size(), len, pos + 2, device);
            for (int b = 0; b < rows.size(); b++) {
                AssociativeRecall.Instance x = rows.get(b);
                if (answers[b] == x.valueOf(x.queries()[j])) {
                    correct++;
                }
            }
        }
        return correct;
    }

    /** Greedy next token at position {@code pos} of each row (the prefix up to pos is all that matters). */
    private static long[] predictAt(Decoder model, long[] ids, int rows, int len, int pos, Device device) {
        Tensor x = Tensors.longs(ids, rows, len).narrow(1, 0, pos + 1).to(device,
                org.bytedeco.pytorch.global.torch.ScalarType.Long);
        Tensor logits = model.forward(x).select(1, pos);
        return Tensors.toLongs(logits.argmax(new LongOptional(-1), false));
    }
}
