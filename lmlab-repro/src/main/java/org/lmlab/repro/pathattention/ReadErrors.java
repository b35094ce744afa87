package org.lmlab.repro.pathattention;

import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.LongOptional;
import org.bytedeco.pytorch.Tensor;
import org.lmlab.model.Decoder;
import org.lmlab.task.Batch;
import org.lmlab.tensor.NoGrad;
import org.lmlab.tensor.Tensors;

/** Flip-flop read errors: greedy predictions at the scored (read) positions, counted. */
record ReadErrors(long errors, long reads) {

    double rate() {
        return reads == 0 ? Double.NaN : errors / (double) reads;
    }

    /** The one-sided 95% upper bound on the error rate: exact (Clopper–Pearson) for 0 errors, 3/n; else normal. */
    double upper95() {
        if (errors == 0) {
            return 3.0 / reads;
        }
        double p = rate();
        return p + 1.645 * Math.sqrt(p * (1 - p) / reads);
    }

    static ReadErrors count(Decoder model, List<Batch> batches, Device device) {
        long errors = 0;
        long reads = 0;
        try (NoGrad g = NoGrad.enter()) {
            for (Batch b : batches) {
                try (PointerScope scope = new PointerScope()) {
                    Tensor ids = b.inputs().to(device, b.inputs().scalar_type());
                    Tensor targets = b.targets().to(device, b.targets().scalar_type());
                    Tensor mask = targets.ne(Tensors.s(Decoder.IGNORE));
                    Tensor guess = model.forward(ids).argmax(new LongOptional(-1), false);
                    reads += mask.sum().item_long();
                    errors += guess.ne(targets).logical_and(mask).sum().item_long();
                }
            }
        }
        return new ReadErrors(errors, reads);
    }
}
