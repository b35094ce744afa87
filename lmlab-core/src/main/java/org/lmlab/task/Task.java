package org.lmlab.task;

import java.util.List;
import org.lmlab.model.BinaryInput;

/**
 * A source of training and evaluation batches — a synthetic task or a text corpus, behind one interface.
 *
 * <p>Determinism contract: {@link #trainBatch(long, int)} is a pure function of the task's seed and the batch
 * index, so the data cursor of a run is just the index of the next batch, and resuming reproduces the
 * uninterrupted run's data exactly. {@link #evalBatches} returns the same fixed held-out set every time.
 * Tensors are created on the CPU inside the caller's {@code PointerScope}.
 */
public interface Task {
    /** Tokens the model must be able to embed. */
    int vocabSize();

    /** Length T of every input sequence. */
    int seqLen();

    /** Training batch number {@code index} of {@code batchSize} sequences. */
    Batch trainBatch(long index, int batchSize);

    /** The held-out set in batches of at most {@code batchSize}, at most {@code maxBatches} of them. */
    List<Batch> evalBatches(int batchSize, int maxBatches);

    /**
     * The block of this task's token ids that encode bit vectors, embedded by the model as a linear map of the bits
     * ({@link BinaryInput}); none by default.
     */
    default BinaryInput binaryInput() {
        return BinaryInput.none();
    }

    /** One line for logs and reports. */
    String describe();
}
