package org.lmlab.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;
import org.lmlab.tensor.Tensors;
import org.lmlab.tensor.Torch;

class MarkovLanguageTest {
    /**
     * The floor is what an oracle that knows P(·|context) scores: its mean cross-entropy on sampled held-out text
     * matches the entropy rate (Monte Carlo over ~130k targets, so within 1%), at order 2 and order 3, with
     * independent and with hierarchical rows. This ties the sampler, the stationary start and the entropy formula
     * together.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"32, 2, 0", "12, 3, 0", "12, 3, 4"})
    void anOracleScoresTheComputedEntropyRate(int vocab, int order, double concentration) {
        Torch.init();
        MarkovLanguage lang = new MarkovLanguage(vocab, order, 64, 0.1, concentration, 11);
        double total = 0;
        long n = 0;
        for (Batch b : lang.evalBatches(64, 32)) {
            long[] in = Tensors.toLongs(b.inputs());
            long[] tg = Tensors.toLongs(b.targets());
            for (int i = 0; i < in.length; i++) {
                int t = i % 64;
                if (t < order - 1) {
                    continue; // less than k tokens of context: the floor's head terms, not this oracle
                }
                int[] ctx = new int[order];
                for (int j = 0; j < order; j++) {
                    ctx[j] = (int) in[i - order + 1 + j];
                }
                total -= Math.log(lang.probability(ctx, (int) tg[i]));
                n++;
            }
        }
        double oracle = total / n;
        assertEquals(lang.entropyRate(), oracle, 0.01 * lang.entropyRate(), "oracle CE vs entropy rate");
        // Sparse Dirichlet: far below the uniform entropy log V, far above 0.
        assertTrue(lang.entropyRate() < 0.7 * Math.log(vocab) && lang.entropyRate() > 0.2,
                "rate " + lang.entropyRate());
        assertTrue(lang.entropyFloor() >= lang.entropyRate(), "the first targets, with less context, are harder");
        assertTrue(lang.conditionalEntropy(0) <= Math.log(vocab) + 1e-12, "unigram entropy <= log V");
        for (int j = 1; j <= order; j++) {
            assertTrue(lang.conditionalEntropy(j) <= lang.conditionalEntropy(j - 1) + 1e-12,
                    "more context never hurts");
        }
    }

    /**
     * The order-k floor against an independent reference: for V = 2, k = 3, T = 4 the floor is H(X_1 … X_T | X_0) / T
     * (chain rule: the best predictor of each target sees everything before it), computed here by enumerating all
     * 2^5 sequences with their exact probabilities — π from a direct solve of π = πP (torch's linalg_solve), not the
     * power iteration the language uses.
     */
    @Test
    void theOrderKFloorEqualsTheEnumeratedConditionalEntropy() {
        Torch.init();
        int v = 2;
        int k = 3;
        int t = 4;
        MarkovLanguage lang = new MarkovLanguage(v, k, t, 0.5, 3, 5);
        int n = 1 << k;
        // π P = π with Σπ = 1: the transposed system (Pᵀ − I) π = 0, its last row replaced by the normalization.
        double[] a = new double[n * n];
        double[] b = new double[n];
        for (int s = 0; s < n; s++) {
            int[] ctx = {(s >> 2) & 1, (s >> 1) & 1, s & 1};
            for (int c = 0; c < v; c++) {
                int next = ((s << 1) & (n - 1)) | c;
                a[next * n + s] += lang.probability(ctx, c);
            }
            a[s * n + s] -= 1;
        }
        for (int s = 0; s < n; s++) {
            a[(n - 1) * n + s] = 1;
        }
        b[n - 1] = 1;
        double[] pi = Tensors.toDoubles(torch.linalg_solve(Tensors.doubles(a, n, n), Tensors.doubles(b, n)));
        double joint = 0;
        double[] first = new double[v];
        for (int seq = 0; seq < 1 << (t + 1); seq++) {
            int[] x = new int[t + 1];
            for (int i = 0; i <= t; i++) {
                x[i] = (seq >> (t - i)) & 1;
            }
            double p = pi[(x[0] << 2) | (x[1] << 1) | x[2]];
            for (int i = k; i <= t; i++) {
                p *= lang.probability(new int[] {x[i - 3], x[i - 2], x[i - 1]}, x[i]);
            }
            joint -= p > 0 ? p * Math.log(p) : 0;
            first[x[0]] += p;
        }
        double h0 = 0;
        for (double p : first) {
            h0 -= p > 0 ? p * Math.log(p) : 0;
        }
        assertEquals((joint - h0) / t, lang.entropyFloor(), 1e-9);
        assertTrue(Math.abs(lang.entropyFloor() - new MarkovLanguage(v, k, t, 0.5, 0, 5).entropyFloor()) > 1e-6,
                "hierarchical and independent rows are different languages");
        assertEquals(3, lang.order());
    }

    @Test
    void batchesArePureFunctionsOfSeedAndIndexAndNeverRepeat() {
        Torch.init();
        MarkovLanguage a = new MarkovLanguage(16, 2, 8, 0.2, 0, 3);
        MarkovLanguage b = new MarkovLanguage(16, 2, 8, 0.2, 0, 3);
        assertTrue(a.trainBatch(5, 4).inputs().equal(b.trainBatch(5, 4).inputs()));
        assertTrue(!a.trainBatch(5, 4).inputs().equal(a.trainBatch(6, 4).inputs()));
        assertTrue(!a.trainBatch(0, 4).inputs().equal(a.evalBatches(4, 1).get(0).inputs()));
        assertEquals(a.entropyFloor(), b.entropyFloor(), 0.0);
        assertTrue(Math.abs(a.entropyFloor() - new MarkovLanguage(16, 2, 8, 0.2, 0, 4).entropyFloor()) > 1e-6,
                "another seed is another language");
        // Targets are the inputs shifted by one.
        Batch x = a.trainBatch(1, 2);
        long[] in = Tensors.toLongs(x.inputs());
        long[] tg = Tensors.toLongs(x.targets());
        for (int i = 0; i < 7; i++) {
            assertEquals(in[i + 1], tg[i]);
        }
    }

    @Test
    void aStreamSeedChangesTheTrainingBatchesButNotTheLanguageOrItsHeldOutSet() {
        Torch.init();
        MarkovLanguage a = new MarkovLanguage(16, 2, 8, 0.2, 4, 3);
        MarkovLanguage replicate = new MarkovLanguage(16, 2, 8, 0.2, 4, 3, 99);
        assertEquals(a.entropyFloor(), replicate.entropyFloor(), 0.0);
        assertTrue(a.evalBatches(4, 2).get(1).inputs().equal(replicate.evalBatches(4, 2).get(1).inputs()));
        assertTrue(!a.trainBatch(5, 4).inputs().equal(replicate.trainBatch(5, 4).inputs()));
        assertTrue(a.trainBatch(5, 4).inputs().equal(new MarkovLanguage(16, 2, 8, 0.2, 4, 3, 3).trainBatch(5, 4)
                .inputs()), "the stream seed defaults to the language's");
    }

    @Test
    void dirichletSamplesAreDistributionsWithTheRightMean() {
        java.util.Random r = new java.util.Random(1);
        double[] mean = new double[5];
        for (int i = 0; i < 4000; i++) {
            double[] p = Dirichlet.sample(r, 5, 0.05);
            double s = 0;
            for (int k = 0; k < 5; k++) {
                s += p[k];
                mean[k] += p[k] / 4000;
            }
            assertEquals(1.0, s, 1e-12);
        }
        for (double m : mean) {
            assertEquals(0.2, m, 0.03, "symmetric Dirichlet has mean 1/k");
        }
    }
}
