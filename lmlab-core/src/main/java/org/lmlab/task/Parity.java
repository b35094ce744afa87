package org.lmlab.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.lmlab.tensor.Rng;
import org.lmlab.tensor.Tensors;

/**
 * Running parity of a bit string: input bits b_1..b_T (tokens 0, 1), target at t the parity b_1 ⊕ … ⊕ b_t
 * (tokens 0, 1), loss at every position. Trained at length T, tested at longer lengths with {@link #atLength} —
 * a state-tracking task that position encodings with a fixed horizon fail to extrapolate (the PaTH paper, §4).
 */
public final class Parity implements Task {
    private final int seqLen;
    private final long seed;

    public Parity(int seqLen, long seed) {
        if (seqLen < 1) {
            throw new IllegalArgumentException("parity needs seq_len ≥ 1");
        }
        this.seqLen = seqLen;
        this.seed = seed;
    }

    @Override
    public int vocabSize() {
        return 2;
    }

    @Override
    public int seqLen() {
        return seqLen;
    }

    @Override
    public Batch trainBatch(long index, int batchSize) {
        return batch(new Random(Rng.mix(seed, index)), batchSize, seqLen);
    }

    @Override
    public List<Batch> evalBatches(int batchSize, int maxBatches) {
        return atLength(seqLen, batchSize, maxBatches);
    }

    /** A fixed held-out set of sequences of {@code length} bits. */
    public List<Batch> atLength(int length, int batchSize, int batches) {
        Random r = new Random(Rng.mix(seed, -1000 - length));
        List<Batch> out = new ArrayList<>();
        for (int i = 0; i < batches; i++) {
            out.add(batch(r, batchSize, length));
        }
        return out;
    }

    private static Batch batch(Random r, int batchSize, int len) {
        long[] in = new long[batchSize * len];
        long[] tg = new long[batchSize * len];
        for (int b = 0; b < batchSize; b++) {
            int parity = 0;
            for (int t = 0; t < len; t++) {
                int bit = r.nextInt(2);
                parity ^= bit;
                in[b * len + t] = bit;
                tg[b * len + t] = parity;
            }
        }
        return new Batch(Tensors.longs(in, batchSize, len), Tensors.longs(tg, batchSize, len));
    }

    @Override
    public String describe() {
        return "running parity (T=" + seqLen + ")";
    }
}
