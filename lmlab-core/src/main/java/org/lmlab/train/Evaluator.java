package org.lmlab.train;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;
import org.lmlab.model.Decoder;
import org.lmlab.task.Batch;
import org.lmlab.task.Task;
import org.lmlab.tensor.NoGrad;

/** Evaluates a model on a task's held-out batches, without gradients, one scope per batch. */
public final class Evaluator {
    private Evaluator() {}

    public static EvalResult evaluate(Decoder model, Task task, int batchSize, int maxBatches, Device device) {
        double lossSum = 0;
        long correct = 0;
        long scored = 0;
        try (NoGrad g = NoGrad.enter(); PointerScope outer = new PointerScope()) {
            for (Batch b : task.evalBatches(batchSize, maxBatches)) {
                try (PointerScope scope = new PointerScope()) {
                    Tensor ids = b.inputs().to(device, b.inputs().scalar_type());
                    Tensor targets = b.targets().to(device, b.targets().scalar_type());
                    Tensor logits = model.forward(ids);
                    long v = logits.size(-1);
                    Tensor flat = logits.view(-1, v);
                    Tensor t = targets.reshape(-1);
                    // Sum reduction (1 = mean, 2 = sum): token-weighted averages across unequal batches.
                    lossSum += torch.cross_entropy_loss(flat, t, new TensorOptional(), 2, Decoder.IGNORE, 0.0)
                            .item_double();
                    Tensor mask = t.ne(new org.bytedeco.pytorch.Scalar(Decoder.IGNORE));
                    scored += mask.sum().item_long();
                    correct += flat.argmax(new org.bytedeco.pytorch.LongOptional(-1), false).eq(t).logical_and(mask)
                            .sum().item_long();
                }
            }
        }
        return new EvalResult(scored == 0 ? Double.NaN : lossSum / scored, scored == 0 ? Double.NaN : correct / (double) scored,
                scored);
    }
}
