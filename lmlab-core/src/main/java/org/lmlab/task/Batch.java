package org.lmlab.task;

import org.bytedeco.pytorch.Tensor;

/**
 * One batch: {@code inputs} [B, T] token ids and {@code targets} [B, T] next tokens, with −100 where no loss is
 * taken (prompt positions of a synthetic task, padding). Both int64.
 */
public record Batch(Tensor inputs, Tensor targets) {
    public long tokens() {
        return inputs.numel();
    }
}
