package org.lmlab.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.lmlab.model.BinaryInput;
import org.lmlab.model.Decoder;
import org.lmlab.tensor.Rng;
import org.lmlab.tensor.Tensors;

/**
 * In-context sparse parity with or without chain of thought (Abedsoltan, Zhang, Wen et al. 2025, "Task
 * Generalization with AutoRegressive Compositional Structure", §4). A sequence holds n examples of one secret
 * S = {s1 < … < sk}; the last is the query. One token per bit (the paper's layout):
 * <pre>
 *   with CoT:     x_1 … x_d  >  c_1 … c_k      (c_j = x_{s1} ⊕ … ⊕ x_{sj})       repeated n times
 *   without CoT:  x_1 … x_d  >  c_k
 * </pre>
 * or, with {@code vector_input}, x as ONE binary-coded token X = 3 + Σ_i x_i·2^i, which the model embeds as
 * W·(2x − 1) ({@link BinaryInput}): {@code X c_1 … c_k} (or {@code X c_k}) — 1 + k tokens per example instead of
 * d + 1 + k. Tokens: 0 and 1 (bits and answers), 2 = {@code >}. Targets are the answer tokens of every example
 * (next-token prediction at {@code >} or X and at each c_j but the last); bits are not predicted. Training sequences use the
 * training secrets of a {@link ParitySplit} (every index in every role), the held-out set the others.
 */
public final class SparseParity implements Task {
    public static final int ANSWER = 2;

    private final ParitySpec spec;
    private final long seed;
    private final ParitySplit.Split split;

    public SparseParity(ParitySpec spec, long seed) {
        this.spec = spec;
        this.seed = seed;
        this.split = ParitySplit.split(spec.bits(), spec.secretSize(), spec.trainTasks(), new Random(Rng.mix(seed, -3)));
    }

    public ParitySpec spec() {
        return spec;
    }

    public ParitySplit.Split split() {
        return split;
    }

    /** Answer tokens per example: k with chain of thought, else 1. */
    public int answers() {
        return spec.chainOfThought() ? spec.secretSize() : 1;
    }

    /** Tokens per example. */
    public int period() {
        return spec.vectorInput() ? 1 + answers() : spec.bits() + 1 + answers();
    }

    @Override
    public int vocabSize() {
        return spec.vectorInput() ? binaryInput().idsNeeded() : 3;
    }

    @Override
    public BinaryInput binaryInput() {
        return spec.vectorInput() ? new BinaryInput(3, spec.bits()) : BinaryInput.none();
    }

    @Override
    public int seqLen() {
        return spec.examples() * period();
    }

    /** Position of the token after which example {@code e}'s answers follow: its {@code >}, or its X token. */
    public int answerMarker(int e) {
        return e * period() + (spec.vectorInput() ? 0 : spec.bits());
    }

    @Override
    public Batch trainBatch(long index, int batchSize) {
        return batch(split.train(), new Random(Rng.mix(seed, index)), batchSize);
    }

    @Override
    public List<Batch> evalBatches(int batchSize, int maxBatches) {
        Random r = new Random(Rng.mix(seed, -5));
        List<Batch> out = new ArrayList<>();
        for (int i = 0; i < maxBatches; i++) {
            out.add(batch(split.heldOut(), r, batchSize));
        }
        return out;
    }

    /** {@code batchSize} sequences, each of a secret drawn uniformly from {@code secrets}. */
    public Batch batch(List<int[]> secrets, Random r, int batchSize) {
        int len = seqLen();
        long[] in = new long[batchSize * len];
        long[] tg = new long[batchSize * len];
        java.util.Arrays.fill(tg, Decoder.IGNORE);
        for (int b = 0; b < batchSize; b++) {
            int[] secret = secrets.get(r.nextInt(secrets.size()));
            for (int e = 0; e < spec.examples(); e++) {
                int o = b * len + e * period();
                int[] x = new int[spec.bits()];
                long code = 0;
                for (int i = 0; i < x.length; i++) {
                    x[i] = r.nextInt(2);
                    code |= (long) x[i] << i;
                    if (!spec.vectorInput()) {
                        in[o + i] = x[i];
                    }
                }
                int m = answerMarker(e) + b * len;
                in[m] = spec.vectorInput() ? binaryInput().offset() + code : ANSWER;
                int c = 0;
                int slot = 0;
                for (int j = 0; j < secret.length; j++) {
                    c ^= x[secret[j]];
                    if (spec.chainOfThought() || j == secret.length - 1) {
                        in[m + 1 + slot] = c;
                        tg[m + slot] = c;
                        slot++;
                    }
                }
            }
        }
        return new Batch(Tensors.longs(in, batchSize, len), Tensors.longs(tg, batchSize, len));
    }

    @Override
    public String describe() {
        return "in-context sparse parity (" + spec.bits() + ", " + spec.secretSize() + "), " + spec.examples()
                + " examples, " + (spec.vectorInput() ? "x as one binary-coded token, " : "one token per bit, ")
                + (spec.chainOfThought() ? "with" : "without") + " chain of thought; "
                + split.train().size() + " training tasks, " + split.heldOut().size() + " held out";
    }
}
