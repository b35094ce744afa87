package org.lmlab.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.lmlab.tensor.Tensors;
import org.lmlab.tensor.Torch;

class MarkovLanguageTest {
    /**
     * The floor is what an oracle that knows P(·|a,b) scores: its mean cross-entropy on sampled held-out text
     * matches the computed floor (Monte Carlo over ~130k targets, so within 1%). This ties the sampler, the
     * stationary start and the entropy formula together.
     */
    @Test
    void anOracleScoresTheComputedEntropyFloor() {
        Torch.init();
        MarkovLanguage lang = new MarkovLanguage(32, 64, 0.1, 11);
        double total = 0;
        long n = 0;
        for (Batch b : lang.evalBatches(64, 32)) {
            long[] in = Tensors.toLongs(b.inputs());
            long[] tg = Tensors.toLongs(b.targets());
            for (int i = 0; i < in.length; i++) {
                int t = i % 64;
                if (t == 0) {
                    continue; // one token of context: scored by the floor's H(X1|X0) term, not by this oracle
                }
                double p = lang.probability((int) in[i - 1], (int) in[i], (int) tg[i]);
                total -= Math.log(p);
                n++;
            }
        }
        double oracle = total / n;
        assertEquals(lang.entropyRate(), oracle, 0.01 * lang.entropyRate(), "oracle CE vs entropy rate");
        // Sparse Dirichlet: far below the uniform entropy log V, far above 0.
        assertTrue(lang.entropyRate() < 0.7 * Math.log(32) && lang.entropyRate() > 0.2, "rate " + lang.entropyRate());
        assertTrue(lang.entropyFloor() >= lang.entropyRate(), "the first target, with one token of context, is harder");
    }

    @Test
    void batchesArePureFunctionsOfSeedAndIndexAndNeverRepeat() {
        Torch.init();
        MarkovLanguage a = new MarkovLanguage(16, 8, 0.2, 3);
        MarkovLanguage b = new MarkovLanguage(16, 8, 0.2, 3);
        assertTrue(a.trainBatch(5, 4).inputs().equal(b.trainBatch(5, 4).inputs()));
        assertTrue(!a.trainBatch(5, 4).inputs().equal(a.trainBatch(6, 4).inputs()));
        assertTrue(!a.trainBatch(0, 4).inputs().equal(a.evalBatches(4, 1).get(0).inputs()));
        assertEquals(a.entropyFloor(), b.entropyFloor(), 0.0);
        assertTrue(Math.abs(a.entropyFloor() - new MarkovLanguage(16, 8, 0.2, 4).entropyFloor()) > 1e-6,
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
