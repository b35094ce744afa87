package org.lmlab.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.lmlab.tensor.Rng;
import org.lmlab.tensor.Tensors;

/**
 * Synthetic domain-labelled text: D "domains", each a bigram (first-order Markov) language over its own window of
 * W tokens of a V-token vocabulary; windows start every V/D tokens, so neighbouring domains share tokens (the
 * brief's calibrated MoE setting: 8 domains, W = 32, V = 128). Domain d's transition rows are softmax(σ·g) over
 * its window with g standard normal, drawn from the seed; sequences start at a uniform token of the window.
 * Training batch i comes from domain i mod D alone (single-domain micro-batches, as in {@link FortuneTopics}).
 */
public final class BigramDomains implements Task, DomainLabelled {
    private final int domains;
    private final int vocab;
    private final int window;
    private final int seqLen;
    private final long seed;
    private final double[][][] cumulative;

    /** @param sharpness σ, the spread of the transition logits (larger = more predictable text) */
    public BigramDomains(int domains, int vocab, int window, double sharpness, int seqLen, long seed) {
        if (domains < 2 || window < 2 || window > vocab || seqLen < 1) {
            throw new IllegalArgumentException("bigram domains need >= 2 domains and 2 <= window <= vocab");
        }
        this.domains = domains;
        this.vocab = vocab;
        this.window = window;
        this.seqLen = seqLen;
        this.seed = seed;
        this.cumulative = new double[domains][window][window];
        Random r = new Random(Rng.mix(seed, -21));
        for (int d = 0; d < domains; d++) {
            for (int a = 0; a < window; a++) {
                double[] w = new double[window];
                double sum = 0;
                for (int b = 0; b < window; b++) {
                    w[b] = Math.exp(sharpness * r.nextGaussian());
                    sum += w[b];
                }
                double acc = 0;
                for (int b = 0; b < window; b++) {
                    acc += w[b] / sum;
                    cumulative[d][a][b] = acc;
                }
            }
        }
    }

    /** The brief's setting: 8 domains, windows of 32 over 128 tokens, σ = 1.5. */
    public static BigramDomains standard(int seqLen, long seed) {
        return new BigramDomains(8, 128, 32, 1.5, seqLen, seed);
    }

    /** First token id of domain d's window. */
    int offset(int d) {
        return d * (vocab / domains);
    }

    @Override
    public int vocabSize() {
        return vocab;
    }

    @Override
    public int seqLen() {
        return seqLen;
    }

    @Override
    public Batch trainBatch(long index, int batchSize) {
        return sample((int) Math.floorMod(index, (long) domains), new Random(Rng.mix(seed, index)), batchSize);
    }

    @Override
    public List<Batch> evalBatches(int batchSize, int maxBatches) {
        List<Batch> out = new ArrayList<>();
        for (int i = 0; i < maxBatches; i++) {
            out.add(sample(i % domains, new Random(Rng.mix(seed, -1000 - i)), batchSize));
        }
        return out;
    }

    @Override
    public List<Batch> domainEvalBatches(int domain, int batchSize, int maxBatches) {
        List<Batch> out = new ArrayList<>();
        for (int i = 0; i < maxBatches; i++) {
            out.add(sample(domain, new Random(Rng.mix(seed, -100_000 - 1000L * domain - i)), batchSize));
        }
        return out;
    }

    private Batch sample(int d, Random r, int batchSize) {
        long[] in = new long[batchSize * seqLen];
        long[] tg = new long[batchSize * seqLen];
        for (int b = 0; b < batchSize; b++) {
            int state = r.nextInt(window);
            for (int t = 0; t <= seqLen; t++) {
                long token = (offset(d) + state) % vocab;
                if (t < seqLen) {
                    in[b * seqLen + t] = token;
                }
                if (t > 0) {
                    tg[b * seqLen + t - 1] = token;
                }
                state = next(cumulative[d][state], r.nextDouble());
            }
        }
        return new Batch(Tensors.longs(in, batchSize, seqLen), Tensors.longs(tg, batchSize, seqLen));
    }

    private static int next(double[] cumulative, double u) {
        for (int i = 0; i < cumulative.length; i++) {
            if (u < cumulative[i]) {
                return i;
            }
        }
        return cumulative.length - 1;
    }

    @Override
    public List<String> domains() {
        List<String> names = new ArrayList<>();
        for (int d = 0; d < domains; d++) {
            names.add("bigram-" + d);
        }
        return names;
    }

    @Override
    public String describe() {
        return domains + " bigram domains over windows of " + window + " of " + vocab + " tokens (T = " + seqLen
                + ", single-domain batches)";
    }
}
