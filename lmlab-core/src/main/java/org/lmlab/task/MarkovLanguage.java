package org.lmlab.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.lmlab.tensor.Rng;
import org.lmlab.tensor.Tensors;

/**
 * An unbounded synthetic language with a known entropy floor (the small-scale stand-in for pretraining text used
 * by the optimizer benchmark, after "Fantastic Pretraining Optimizers and Where to Find Them", §5): an order-k
 * Markov chain over V tokens whose next-token distributions P(·|x_{t−k+1} … x_t) are drawn once per seed, either
 * <ul>
 *   <li>independently, each from a symmetric Dirichlet(α) (concentration 0) — small α makes them sparse; all the
 *       structure is in the full k-token contexts, or</li>
 *   <li>hierarchically (concentration c &gt; 0), as in MacKay &amp; Peto's hierarchical Dirichlet language model: each
 *       context's row is drawn around the row of the same context without its oldest token. Then every shorter
 *       context already predicts part of the next token, and each longer one refines it — structure at every
 *       scale, as in text, so a small model learns the bigram statistics and each larger one gets further.</li>
 * </ul>
 *
 * <p>Sequences start from the chain's stationary k-gram distribution π, so every position is stationary and the
 * best achievable mean cross-entropy of next-token prediction is exact: for T targets, the j-th of which sees j
 * tokens of context,
 * <pre>
 *   floor = ( Σ_{j=1}^{k−1} H(X_j | X_0 … X_{j−1}) + (T − k + 1)·h ) / T,    h = Σ_s π(s) · H(P(·|s))
 * </pre>
 * with H(X_j | X_0 … X_{j−1}) = H_{j+1} − H_j, H_m the entropy of π's m-gram marginal. Every training batch is
 * fresh (index → its own random stream), so no data is ever repeated; the held-out set is a fixed sample from a
 * stream training never uses. The training stream can have its own seed ({@code task.seed} set apart from the run's
 * seed): replicate runs then see other batches of the same language and are scored on the same held-out set.
 */
public final class MarkovLanguage implements Task {
    private static final int EVAL_BATCHES_MAX = 64;
    private final int v;
    private final int order;
    private final int states;
    private final int seqLen;
    private final long seed;
    private final long streamSeed;
    private final double[][] cdf;
    private final double[] startCdf;
    private final double floor;
    private final double rate;
    private final double[] marginalEntropy;

    /**
     * @param concentration 0: every context's row is an independent symmetric Dirichlet(α); c &gt; 0: rows are
     *                      drawn hierarchically, P_0 ~ Dir(α), P_j(·|x_1 … x_j) ~ Dir(c·P_{j−1}(·|x_2 … x_j)) for
     *                      j = 1..k, so each longer context refines a shorter one's prediction (smaller c: larger
     *                      refinements)
     */
    public MarkovLanguage(int vocab, int order, int seqLen, double alpha, double concentration, long seed) {
        this(vocab, order, seqLen, alpha, concentration, seed, seed);
    }

    /**
     * The language drawn from {@code seed} (rows and held-out set), its training batches from {@code streamSeed}.
     */
    public MarkovLanguage(int vocab, int order, int seqLen, double alpha, double concentration, long seed,
            long streamSeed) {
        if (vocab < 2 || vocab > 512 || order < 1 || Math.pow(vocab, order) > 1 << 20 || seqLen < order
                || !(alpha > 0) || !(concentration >= 0)) {
            throw new IllegalArgumentException("markov language needs 2 <= vocab_size <= 512, order >= 1 with "
                    + "vocab_size^order <= 2^20, seq_len >= order, alpha > 0, concentration >= 0");
        }
        this.v = vocab;
        this.order = order;
        this.states = (int) Math.round(Math.pow(vocab, order));
        this.seqLen = seqLen;
        this.seed = seed;
        this.streamSeed = streamSeed;
        Random r = new Random(Rng.mix(seed, -7));
        double[][] p = concentration == 0 ? independentRows(r, alpha) : hierarchicalRows(r, alpha, concentration);
        double[] pi = stationary(p, v);
        double h = 0;
        for (int s = 0; s < states; s++) {
            h += pi[s] * entropy(p[s]);
        }
        // H_m for m = 1..k: the m-gram marginal of π is π summed over its k − m newest tokens.
        double[] hm = new double[order + 1];
        double[] marginal = pi;
        for (int m = order; m >= 1; m--) {
            hm[m] = entropy(marginal);
            double[] coarser = new double[marginal.length / v];
            for (int s = 0; s < marginal.length; s++) {
                coarser[s / v] += marginal[s];
            }
            marginal = coarser;
        }
        double head = 0;
        for (int j = 1; j < order; j++) {
            head += hm[j + 1] - hm[j];
        }
        this.rate = h;
        this.marginalEntropy = hm;
        this.floor = (head + (seqLen - order + 1) * h) / seqLen;
        this.cdf = new double[states][];
        for (int s = 0; s < states; s++) {
            cdf[s] = cumulative(p[s]);
        }
        this.startCdf = cumulative(pi);
    }

    private double[][] independentRows(Random r, double alpha) {
        double[][] p = new double[states][];
        for (int s = 0; s < states; s++) {
            p[s] = Dirichlet.sample(r, v, alpha);
        }
        return p;
    }

    /** Level by level: a context's parent is the context without its oldest token (index mod V^{j−1}). */
    private double[][] hierarchicalRows(Random r, double alpha, double c) {
        double[][] level = {Dirichlet.sample(r, v, alpha)};
        for (int j = 1; j <= order; j++) {
            double[][] next = new double[level.length * v][];
            for (int s = 0; s < next.length; s++) {
                double[] parent = level[s % level.length];
                double[] a = new double[v];
                for (int i = 0; i < v; i++) {
                    a[i] = c * parent[i];
                }
                next[s] = Dirichlet.sample(r, a);
            }
            level = next;
        }
        return level;
    }

    /** The minimum achievable mean validation loss (nats per target token). */
    public double entropyFloor() {
        return floor;
    }

    /** P(next = c | context): the chain's true next-token probability given its last {@code order} tokens. */
    public double probability(int[] context, int c) {
        int s = 0;
        for (int x : context) {
            s = s * v + x;
        }
        double[] row = cdf[s];
        return row[c] - (c == 0 ? 0 : row[c - 1]);
    }

    /** The chain's entropy rate h (nats per token given {@code order} tokens of context). */
    public double entropyRate() {
        return rate;
    }

    /**
     * H(X_t | the j preceding tokens), j = 0..k: the loss floor of a model that uses only j tokens of context
     * (j = 0: the unigram entropy; j = k: the entropy rate). The steps between them are what each order adds.
     */
    public double conditionalEntropy(int j) {
        if (j < 0 || j > order) {
            throw new IllegalArgumentException("context length must be in 0.." + order);
        }
        return j == order ? rate : marginalEntropy[j + 1] - (j == 0 ? 0 : marginalEntropy[j]);
    }

    /** k: how many preceding tokens determine the next one's distribution. */
    public int order() {
        return order;
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
        return sample(new Random(Rng.mix(streamSeed, index)), batchSize);
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
        StringBuilder byContext = new StringBuilder();
        for (int j = 0; j <= order; j++) {
            byContext.append(j == 0 ? "" : " ").append(String.format(java.util.Locale.ROOT, "%.3f",
                    conditionalEntropy(j)));
        }
        return String.format(java.util.Locale.ROOT, "markov language: V=%d, order %d, T=%d, entropy floor %.4f nats"
                + " (rate %.4f; H given 0..%d tokens: %s)", v, order, seqLen, floor, rate, order, byContext);
    }

    private Batch sample(Random r, int batchSize) {
        // Data generation, like a tokenizer, runs on the host: B·(T+1) draws of a small categorical.
        long[] in = new long[batchSize * seqLen];
        long[] tg = new long[batchSize * seqLen];
        int[] window = new int[seqLen + 1];
        for (int b = 0; b < batchSize; b++) {
            int state = draw(startCdf, r.nextDouble());
            for (int i = order - 1, s = state; i >= 0; i--, s /= v) {
                window[i] = s % v;
            }
            for (int t = order; t <= seqLen; t++) {
                window[t] = draw(cdf[state], r.nextDouble());
                // Slide the context: drop its oldest token, append the new one.
                state = (state % (states / v)) * v + window[t];
            }
            int base = b * seqLen;
            for (int t = 0; t < seqLen; t++) {
                in[base + t] = window[t];
                tg[base + t] = window[t + 1];
            }
        }
        return new Batch(Tensors.longs(in, batchSize, seqLen), Tensors.longs(tg, batchSize, seqLen));
    }

    /**
     * π over k-grams s = (x_1 … x_k) with π(x_2 … x_k c) = Σ_{x_1} π(s) P(c|s): power iteration,
     * Cesàro-averaged against periodicity.
     */
    static double[] stationary(double[][] p, int v) {
        int n = p.length;
        double[] pi = new double[n];
        java.util.Arrays.fill(pi, 1.0 / n);
        double[] avg = new double[n];
        int iters = 400;
        for (int it = 0; it < iters; it++) {
            double[] next = new double[n];
            for (int s = 0; s < n; s++) {
                if (pi[s] == 0) {
                    continue;
                }
                int shifted = (s % (n / v)) * v;
                for (int c = 0; c < v; c++) {
                    next[shifted + c] += pi[s] * p[s][c];
                }
            }
            pi = next;
            if (it >= iters / 2) {
                for (int s = 0; s < n; s++) {
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
