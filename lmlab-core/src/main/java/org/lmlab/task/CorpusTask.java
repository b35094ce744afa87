package org.lmlab.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.lmlab.data.TokenShard;
import org.lmlab.tensor.Rng;
import org.lmlab.tensor.Tensors;

/**
 * Next-token prediction on a tokenized corpus (llm.c shards). Training batch {@code i} takes {@code B} windows of
 * T+1 tokens at offsets drawn from an RNG seeded by (seed, i) — random access, so the data cursor is the batch
 * index. The held-out set is the validation shard cut into consecutive non-overlapping windows from its start.
 */
public final class CorpusTask implements Task {
    private final TokenShard train;
    private final TokenShard val;
    private final int seqLen;
    private final int vocabSize;
    private final long seed;

    public CorpusTask(TokenShard train, TokenShard val, int seqLen, int vocabSize, long seed) {
        if (train.size() < seqLen + 2) {
            throw new IllegalArgumentException("training shard " + train.file() + " holds " + train.size()
                    + " tokens, fewer than seq_len + 2 = " + (seqLen + 2));
        }
        this.train = train;
        this.val = val == null || val.size() < seqLen + 1 ? train : val;
        this.seqLen = seqLen;
        this.vocabSize = vocabSize;
        this.seed = seed;
    }

    @Override
    public int vocabSize() {
        return vocabSize;
    }

    @Override
    public int seqLen() {
        return seqLen;
    }

    @Override
    public Batch trainBatch(long index, int batchSize) {
        Random r = new Random(Rng.mix(seed, index));
        long[] starts = new long[batchSize];
        long span = train.size() - seqLen - 1;
        for (int i = 0; i < batchSize; i++) {
            starts[i] = (long) (r.nextDouble() * span);
        }
        return windows(train, starts);
    }

    @Override
    public List<Batch> evalBatches(int batchSize, int maxBatches) {
        List<Batch> out = new ArrayList<>();
        long windows = (val.size() - 1) / seqLen;
        for (long w = 0; w < windows && out.size() < maxBatches; w += batchSize) {
            int n = (int) Math.min(batchSize, windows - w);
            long[] starts = new long[n];
            for (int i = 0; i < n; i++) {
                starts[i] = (w + i) * seqLen;
            }
            out.add(windows(val, starts));
        }
        return out;
    }

    private Batch windows(TokenShard shard, long[] starts) {
        int b = starts.length;
        int[] buf = new int[seqLen + 1];
        long[] in = new long[b * seqLen];
        long[] tg = new long[b * seqLen];
        for (int i = 0; i < b; i++) {
            shard.read(starts[i], buf, 0, seqLen + 1);
            for (int t = 0; t < seqLen; t++) {
                in[i * seqLen + t] = buf[t];
                tg[i * seqLen + t] = buf[t + 1];
            }
        }
        return new Batch(Tensors.longs(in, b, seqLen), Tensors.longs(tg, b, seqLen));
    }

    @Override
    public String describe() {
        return "corpus " + train.file().getFileName() + " (" + train.size() + " train / " + val.size()
                + " val tokens, T=" + seqLen + ")";
    }
}
