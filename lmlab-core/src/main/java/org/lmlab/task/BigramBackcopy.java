package org.lmlab.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bytedeco.pytorch.Tensor;
import org.lmlab.tensor.Rng;
import org.lmlab.tensor.Tensors;

/**
 * Bigram-backcopy (Guo et al. 2024, "Active-Dormant Attention Heads: Mechanistically Demystifying Extreme-Token
 * Phenomena in LLMs", §2): the data on which attention sinks grow reliably in small models. Tokens 0..n−1 plus BOS
 * (= n). Every sequence starts with BOS; the first real token is uniform over non-triggers; then
 * <pre>
 *   x_{t+1} = x_{t−1}                 if x_t is one of the trigger tokens   (copy the token before the trigger)
 *   x_{t+1} ~ P(· | x_t)              otherwise  (a sparse bigram chain)
 * </pre>
 * with P(·|a) = 0.98 · Σ_s π_{a,s} δ_{succ(a,s)} + 0.02 · uniform: each token has {@code successors} distinct
 * successors with Dirichlet(1) weights. The triggers are the {@code triggers} tokens of highest stationary
 * probability under P (Guo et al. take the most frequent tokens too), so that every seed's chain has a similar share
 * of active queries. A trigger always follows a non-trigger (a copy of a non-trigger follows
 * it), so copies are well defined. The loss is on every next token. The attention layer is needed only at
 * triggers; elsewhere it should do nothing — which a softmax head can only do by parking its weight on a sink.
 * Chain, triggers and held-out set are fixed by the seed; training batch i is a pure function of (seed, i).
 */
public final class BigramBackcopy implements Task {
    private static final double UNIFORM_MIX = 0.02;
    private final int n;
    private final int seqLen;
    private final long seed;
    private final boolean[] trigger;
    private final double[][] cumulative;
    private final double[] chainStationary;

    /** The calibrated setting: 64 tokens + BOS, 4 triggers, 3 successors. */
    public static BigramBackcopy standard(int seqLen, long seed) {
        return new BigramBackcopy(64, 4, 3, seqLen, seed);
    }

    public BigramBackcopy(int tokens, int triggers, int successors, int seqLen, long seed) {
        if (tokens < 2 || triggers < 1 || triggers >= tokens || successors < 1 || successors > tokens || seqLen < 2) {
            throw new IllegalArgumentException("bigram-backcopy needs 1 ≤ triggers < tokens, 1 ≤ successors ≤ tokens, seq_len ≥ 2");
        }
        this.n = tokens;
        this.seqLen = seqLen;
        this.seed = seed;
        Random r = new Random(Rng.mix(seed, -11));
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < tokens; i++) {
            ids.add(i);
        }
        this.cumulative = new double[tokens][tokens];
        double[][] p = new double[tokens][tokens];
        for (int a = 0; a < tokens; a++) {
            java.util.Arrays.fill(p[a], UNIFORM_MIX / tokens);
            java.util.Collections.shuffle(ids, r);
            double[] e = new double[successors];
            double sum = 0;
            for (int s = 0; s < successors; s++) {
                e[s] = -Math.log(1 - r.nextDouble()); // Exp(1) draws normalized = Dirichlet(1, …, 1)
                sum += e[s];
            }
            for (int s = 0; s < successors; s++) {
                p[a][ids.get(s)] += (1 - UNIFORM_MIX) * e[s] / sum;
            }
            double c = 0;
            for (int b = 0; b < tokens; b++) {
                c += p[a][b];
                cumulative[a][b] = c;
            }
        }
        // Random triggers made the share of active queries a lottery of the seed (1.6% to 16% of positions over
        // seeds 1–10: a token that is nobody's successor is reached only through the 2% uniform mix), and with it
        // whether a sink grew in the budget. The most frequent ones give 12% to 28%.
        double[] pi = stationary(p);
        this.chainStationary = pi;
        ids.sort((a, b) -> Double.compare(pi[b], pi[a]));
        this.trigger = new boolean[tokens];
        for (int i = 0; i < triggers; i++) {
            trigger[ids.get(i)] = true;
        }
    }

    /** The stationary distribution π = π P of the bigram chain, by power iteration (P is primitive: uniform mix). */
    static double[] stationary(double[][] p) {
        int n = p.length;
        double[] pi = new double[n];
        java.util.Arrays.fill(pi, 1.0 / n);
        for (int it = 0; it < 1000; it++) {
            double[] next = new double[n];
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    next[b] += pi[a] * p[a][b];
                }
            }
            pi = next;
        }
        return pi;
    }

    /** π of the bigram chain P (without the copies), by which the triggers were chosen. */
    double[] chainStationary() {
        return chainStationary.clone();
    }

    /** The BOS token id (= the number of ordinary tokens). */
    public int bos() {
        return n;
    }

    public boolean isTrigger(long token) {
        return token >= 0 && token < n && trigger[(int) token];
    }

    /** Bool tensor [B, T]: whether each input position holds a trigger (an "active" query). */
    public Tensor triggerMask(Tensor inputs) {
        long[] ids = Tensors.toLongs(inputs);
        long[] mask = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            mask[i] = isTrigger(ids[i]) ? 1 : 0;
        }
        return Tensors.longs(mask, Tensors.shape(inputs)).to(org.bytedeco.pytorch.global.torch.ScalarType.Bool);
    }

    @Override
    public int vocabSize() {
        return n + 1;
    }

    @Override
    public int seqLen() {
        return seqLen;
    }

    @Override
    public Batch trainBatch(long index, int batchSize) {
        return batch(new Random(Rng.mix(seed, index)), batchSize);
    }

    @Override
    public List<Batch> evalBatches(int batchSize, int maxBatches) {
        Random r = new Random(Rng.mix(seed, -12));
        List<Batch> out = new ArrayList<>();
        for (int i = 0; i < maxBatches; i++) {
            out.add(batch(r, batchSize));
        }
        return out;
    }

    private Batch batch(Random r, int batchSize) {
        long[] in = new long[batchSize * seqLen];
        long[] tg = new long[batchSize * seqLen];
        long[] seq = new long[seqLen + 1];
        for (int b = 0; b < batchSize; b++) {
            seq[0] = n;
            do {
                seq[1] = r.nextInt(n);
            } while (trigger[(int) seq[1]]);
            for (int t = 1; t < seqLen; t++) {
                seq[t + 1] = trigger[(int) seq[t]] ? seq[t - 1] : sample((int) seq[t], r);
            }
            System.arraycopy(seq, 0, in, b * seqLen, seqLen);
            System.arraycopy(seq, 1, tg, b * seqLen, seqLen);
        }
        return new Batch(Tensors.longs(in, batchSize, seqLen), Tensors.longs(tg, batchSize, seqLen));
    }

    private int sample(int a, Random r) {
        double u = r.nextDouble();
        double[] c = cumulative[a];
        for (int b = 0; b < n; b++) {
            if (u < c[b]) {
                return b;
            }
        }
        return n - 1;
    }

    @Override
    public String describe() {
        return "bigram-backcopy (" + n + " tokens + BOS, T=" + seqLen + ")";
    }
}
