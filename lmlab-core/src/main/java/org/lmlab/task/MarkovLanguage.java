package org.lmlab.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.lmlab.tensor.Rng;
import org.lmlab.tensor.Tensors;

/**
 * An unbounded synthetic language with a known entropy floor (the small-scale stand-in for pretraining text used
 * by the optimizer benchmark, after "Fantastic Pretraining Optimizers and Where to Find Them", §5): a second-order
 * Markov chain over V tokens whose next-token distributions P(·|a,b) are drawn, once per seed, from a symmetric
 * Dirichlet(α) — small α makes them sparse, so there is structure to learn.
 *
 * <p>Sequences start from the chain's stationary pair distribution π(a,b), so every position is stationary and the
 * best achievable mean cross-entropy of next-token prediction is exact: for T targets,
 * <pre>
 *   floor = ( H(X₁ | X₀) + (T − 1)·h ) / T,    h = Σ_{a,b} π(a,b) · H(P(·|a,b))
 * </pre>
 * (the first target sees one token of context, the others see the two that determine it). Every training batch
 * is fresh (index → its own random stream), so no data is ever repeated; the held-out set is a fixed sample from
 * a stream training never uses.
 */
public final class MarkovLanguage implements Task {
    private static final int EVAL_BATCHES_MAX = 64;
    private final int v;
    private final int seqLen;
    private final long seed;
    private final double[][] cdf;
    private final double[] pairCdf;
    private final double floor;
    private final double rate;

    public MarkovLanguage(int vocab, int seqLen, double alpha, long seed) {
        if (vocab < 2 || vocab > 512 || seqLen < 2 || !(alpha > 0)) {
            throw new IllegalArgumentException("markov language needs 2 <= vocab_size <= 512, seq_len >= 2, alpha > 0");
        }
        this.v = vocab;
        this.seqLen = seqLen;
        this.seed = seed;
        Random r = new Random(Rng.mix(seed, -7));
        double[][] p = new double[v * v][];
        for (int s = 0; s < v * v; s++) {
            p[s] = Dirichlet.sample(r, v, alpha);
        }
        double[] pi = stationaryPairs(p, v);
        double h = 0;
        double[] first = new double[v];
        for (int s = 0; s < v * v; s++) {
            h += pi[s] * entropy(p[s]);
            first[s / v] += pi[s];
        }
        // H(X1 | X0) = H(X0, X1) − H(X0), both under π.
        double h1 = entropy(pi) - entropy(first);
        this.rate = h;
        this.floor = (h1 + (seqLen - 1) * h) / seqLen;
        this.cdf = new double[v * v][];
        for (int s = 0; s < v * v; s++) {
            cdf[s] = cumulative(p[s]);
        }
        this.pairCdf = cumulative(pi);
    }

    /** The minimum achievable mean validation loss (nats per target token). */
    public double entropyFloor() {
        return floor;
    }

    /** P(next = c | a, b): the chain's true next-token probability (for oracles in tests and reports). */
    public double probability(int a, int b, int c) {
        double[] row = cdf[a * v + b];
        return row[c] - (c == 0 ? 0 : row[c - 1]);
    }

    /** The chain's entropy rate h (nats per token given two tokens of context). */
    public double entropyRate() {
        return rate;
    }

    @Override
    public int vocabSize() {
        return v;
    }

    @Override
    public int seqLen() {
        return seqLen;
    }

    @Override
    public Batch trainBatch(long index, int batchSize) {
        return sample(new Random(Rng.mix(seed, index)), batchSize);
    }

    @Override
    public List<Batch> evalBatches(int batchSize, int maxBatches) {
        List<Batch> out = new ArrayList<>();
        for (int i = 0; i < Math.min(maxBatches, EVAL_BATCHES_MAX); i++) {
            // Negative indices: a stream disjoint from every training batch.
            out.add(sample(new Random(Rng.mix(seed, -1_000_000L - i)), batchSize));
        }
        return out;
    }

    @Override
    public String describe() {
        return String.format("markov language: V=%d, order 2, T=%d, entropy floor %.4f nats (rate %.4f)", v, seqLen,
                floor, rate);
    }

    private Batch sample(Random r, int batchSize) {
        // Data generation, like a tokenizer, runs on the host: B·(T+1) draws of a small categorical.
        long[] in = new long[batchSize * seqLen];
        long[] tg = new long[batchSize * seqLen];
        for (int b = 0; b < batchSize; b++) {
            int pair = draw(pairCdf, r.nextDouble());
            int x0 = pair / v;
            int x1 = pair % v;
            int base = b * seqLen;
            in[base] = x0;
            for (int t = 0; t < seqLen; t++) {
                tg[base + t] = x1;
                if (t + 1 < seqLen) {
                    in[base + t + 1] = x1;
                }
                int next = draw(cdf[x0 * v + x1], r.nextDouble());
                x0 = x1;
                x1 = next;
            }
        }
        return new Batch(Tensors.longs(in, batchSize, seqLen), Tensors.longs(tg, batchSize, seqLen));
    }

    /** π over pairs (a,b) with π(b,c) = Σ_a π(a,b) P(c|a,b): power iteration, Cesàro-averaged against periodicity. */
    static double[] stationaryPairs(double[][] p, int v) {
        double[] pi = new double[v * v];
        java.util.Arrays.fill(pi, 1.0 / (v * v));
        double[] avg = new double[v * v];
        int iters = 400;
        for (int it = 0; it < iters; it++) {
            double[] next = new double[v * v];
            for (int s = 0; s < v * v; s++) {
                if (pi[s] == 0) {
                    continue;
                }
                int b = s % v;
                for (int c = 0; c < v; c++) {
                    next[b * v + c] += pi[s] * p[s][c];
                }
            }
            pi = next;
            if (it >= iters / 2) {
                for (int s = 0; s < v * v; s++) {
                    avg[s] += pi[s] / (iters - iters / 2);
                }
            }
        }
        return avg;
    }

    static double entropy(double[] p) {
        double h = 0;
        for (double x : p) {
            if (x > 0) {
                h -= x * Math.log(x);
            }
        }
        return h;
    }

    private static double[] cumulative(double[] p) {
        double[] c = new double[p.length];
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            s += p[i];
            c[i] = s;
        }
        return c;
    }

    private static int draw(double[] cdf, double u) {
        double x = u * cdf[cdf.length - 1];
        int i = java.util.Arrays.binarySearch(cdf, x);
        i = i >= 0 ? i + 1 : -i - 1;
        // Skip zero-probability entries that share the cumulative value.
        return Math.min(i, cdf.length - 1);
    }
}
