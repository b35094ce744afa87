package org.lmlab.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.lmlab.model.Decoder;
import org.lmlab.tensor.Rng;
import org.lmlab.tensor.Tensors;

/**
 * The flip-flop language (Liu et al. 2023, "Exposing Attention Glitches with Flip-Flop Language Modeling", §2):
 * pairs (instruction, bit) with instructions w (write), r (read), i (ignore); the first is a write; a read's bit
 * is the most recently written bit. Tokens: w=0, r=1, i=2, bit 0 = 3, bit 1 = 4. Instructions after the first are
 * i with probability p_ignore, else w or r with equal chance. The loss is only on the bit after each r.
 *
 * <p>Splits ({@link Split}): training and in-distribution at p_ignore, sparse (0.98: reads far from their write),
 * dense (0.1) and double length. Every split's sequences are a pure function of (seed, split, index).
 */
public final class FlipFlop implements Task {
    public static final int W = 0;
    public static final int R = 1;
    public static final int I = 2;
    public static final int BIT0 = 3;

    /** The held-out sets of the paper (§3): in-distribution, sparse, dense, twice the training length. */
    public enum Split { IN_DISTRIBUTION, SPARSE, DENSE, DOUBLE_LENGTH }

    private final int seqLen;
    private final double pIgnore;
    private final long seed;

    public FlipFlop(int seqLen, double pIgnore, long seed) {
        if (seqLen < 4 || seqLen % 2 != 0 || !(pIgnore >= 0 && pIgnore < 1)) {
            throw new IllegalArgumentException("flip-flop needs an even seq_len ≥ 4 and 0 ≤ p_ignore < 1");
        }
        this.seqLen = seqLen;
        this.pIgnore = pIgnore;
        this.seed = seed;
    }

    @Override
    public int vocabSize() {
        return 5;
    }

    @Override
    public int seqLen() {
        return seqLen;
    }

    @Override
    public Batch trainBatch(long index, int batchSize) {
        return batch(new Random(Rng.mix(seed, index)), batchSize, seqLen, pIgnore);
    }

    /** The in-distribution held-out set. */
    @Override
    public List<Batch> evalBatches(int batchSize, int maxBatches) {
        return split(Split.IN_DISTRIBUTION, batchSize, maxBatches);
    }

    /** {@code batches} fixed batches of a held-out split. */
    public List<Batch> split(Split s, int batchSize, int batches) {
        Random r = new Random(Rng.mix(seed, -100 - s.ordinal()));
        int len = s == Split.DOUBLE_LENGTH ? 2 * seqLen : seqLen;
        double p = switch (s) {
            case SPARSE -> 0.98;
            case DENSE -> 0.1;
            default -> pIgnore;
        };
        List<Batch> out = new ArrayList<>();
        for (int i = 0; i < batches; i++) {
            out.add(batch(r, batchSize, len, p));
        }
        return out;
    }

    private static Batch batch(Random r, int batchSize, int len, double p) {
        long[] in = new long[batchSize * len];
        long[] tg = new long[batchSize * len];
        for (int b = 0; b < batchSize; b++) {
            int memory = 0;
            int o = b * len;
            for (int t = 0; t < len; t += 2) {
                double u = r.nextDouble();
                int instr = t == 0 ? W : u < p ? I : u < p + (1 - p) / 2 ? W : R;
                int bit = instr == R ? memory : r.nextInt(2);
                if (instr == W) {
                    memory = bit;
                }
                in[o + t] = instr;
                in[o + t + 1] = BIT0 + bit;
                tg[o + t] = instr == R ? BIT0 + bit : Decoder.IGNORE;
                tg[o + t + 1] = Decoder.IGNORE;
            }
        }
        return new Batch(Tensors.longs(in, batchSize, len), Tensors.longs(tg, batchSize, len));
    }

    @Override
    public String describe() {
        return "flip-flop (T=" + seqLen + ", p_ignore=" + pIgnore + ")";
    }
}
