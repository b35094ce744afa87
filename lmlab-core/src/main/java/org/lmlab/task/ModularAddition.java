package org.lmlab.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.lmlab.model.Decoder;
import org.lmlab.tensor.Rng;
import org.lmlab.tensor.Tensors;

/**
 * Modular addition (Power et al. 2022, "Grokking"): the sequence {@code a b =} with target {@code (a + b) mod p}
 * at the {@code =} position; tokens 0..p−1 are numbers and p is {@code =}. The p² pairs are shuffled by the seed
 * and split into train and held-out by {@code trainFraction}; the loss and accuracy are taken on the answer only.
 */
public final class ModularAddition implements Task {
    private final int p;
    private final long seed;
    private final int[][] train;
    private final int[][] heldOut;

    public ModularAddition(int p, double trainFraction, long seed) {
        if (p < 2 || trainFraction <= 0 || trainFraction > 1) {
            throw new IllegalArgumentException("modular addition needs p >= 2 and 0 < train_fraction <= 1");
        }
        this.p = p;
        this.seed = seed;
        List<int[]> pairs = new ArrayList<>(p * p);
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                pairs.add(new int[] {a, b});
            }
        }
        java.util.Collections.shuffle(pairs, new Random(Rng.mix(seed, -1)));
        int nTrain = Math.max(1, (int) Math.round(trainFraction * pairs.size()));
        this.train = pairs.subList(0, nTrain).toArray(int[][]::new);
        List<int[]> rest = pairs.subList(nTrain, pairs.size());
        // With everything in training, "held-out" falls back to the training pairs (memorization check).
        this.heldOut = (rest.isEmpty() ? pairs : rest).toArray(int[][]::new);
    }

    @Override
    public int vocabSize() {
        return p + 1;
    }

    @Override
    public int seqLen() {
        return 3;
    }

    @Override
    public Batch trainBatch(long index, int batchSize) {
        Random r = new Random(Rng.mix(seed, index));
        int[][] rows = new int[batchSize][];
        for (int i = 0; i < batchSize; i++) {
            rows[i] = train[r.nextInt(train.length)];
        }
        return encode(rows);
    }

    @Override
    public List<Batch> evalBatches(int batchSize, int maxBatches) {
        List<Batch> out = new ArrayList<>();
        for (int start = 0; start < heldOut.length && out.size() < maxBatches; start += batchSize) {
            int end = Math.min(heldOut.length, start + batchSize);
            out.add(encode(java.util.Arrays.copyOfRange(heldOut, start, end)));
        }
        return out;
    }

    private Batch encode(int[][] rows) {
        long[] in = new long[rows.length * 3];
        long[] tg = new long[rows.length * 3];
        for (int i = 0; i < rows.length; i++) {
            int a = rows[i][0];
            int b = rows[i][1];
            in[3 * i] = a;
            in[3 * i + 1] = b;
            in[3 * i + 2] = p;
            tg[3 * i] = Decoder.IGNORE;
            tg[3 * i + 1] = Decoder.IGNORE;
            tg[3 * i + 2] = (a + b) % p;
        }
        return new Batch(Tensors.longs(in, rows.length, 3), Tensors.longs(tg, rows.length, 3));
    }

    @Override
    public String describe() {
        return "modular addition mod " + p + " (" + train.length + " train pairs, " + heldOut.length + " held out)";
    }
}
