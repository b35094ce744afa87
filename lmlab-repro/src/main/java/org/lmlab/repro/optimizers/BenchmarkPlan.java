package org.lmlab.repro.optimizers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the benchmark trains: model widths, optimizers with the learning rate each search starts from (the search
 * walks the lattice from there, so a start only costs steps, never the result), and data ratios (multiples of
 * Chinchilla's 20 tokens per non-embedding parameter).
 *
 * <p>Sizes are chosen for a 2-core CPU and the ~20-minute budget: a size costs ~(non-embedding parameters)²,
 * since its tokens are 20× its parameters, and AdamW's re-tuning at 2/4/8× is ~60% of it. d = 16 / 24 / 32 have
 * 8k / 14k / 33k non-embedding parameters. The first full run, at d = 24 / 32 / 40 (d = 40: 44k), took 70 minutes
 * under load, 60% of it at d = 40. The language ({@link OptimizerBenchmark#ORDER}) has structure at every scale, so
 * the smallest size learns the bigram and trigram statistics and each larger one gets further. The quick plan keeps
 * d = 16, AdamW and Muon, so P1–P3 are all still measured.
 *
 * @param widths     d_model of each size (2 layers, head dim 8)
 * @param starts     optim.kind → the learning rate its search starts from
 * @param ratios     data ratios of the baseline's scaling fit; the baseline's lr is searched again at each
 * @param batchSize  sequences per step
 * @param seqLen     tokens per sequence
 * @param parallel   trainings at once (one intra-op thread each)
 */
record BenchmarkPlan(List<Integer> widths, Map<String, Double> starts, List<Integer> ratios, int batchSize,
        int seqLen, int parallel) {

    static final String BASELINE = "adamw";
    static final int HEAD_DIM = 8;
    /**
     * Sequences per step. At 16 (1x = 162 steps at d = 16) the final loss was flat within ~0.01 nats over a factor
     * 2-4 of learning rates around the optimum, so "a quarter of the tuned lr" landed inside that basin or outside it
     * by which near-tie won the search, and P1 swung by up to 0.65 on one language; at 64 (41 steps) the basin at 1x is
     * about a factor 2 wide and a quarter of the optimum is clear of it (docs/papers/optimizer-benchmark.md).
     */
    static final int BATCH = 64;

    static BenchmarkPlan quick() {
        Map<String, Double> o = new LinkedHashMap<>();
        o.put(BASELINE, 1.6e-2);
        o.put("muon", 3.2e-2);
        return new BenchmarkPlan(List.of(16), o, List.of(1, 2, 4, 8), BATCH, 64, 2);
    }

    static BenchmarkPlan full() {
        Map<String, Double> o = new LinkedHashMap<>();
        o.put(BASELINE, 1.6e-2);
        o.put("nadamw", 1.6e-2);
        o.put("lion", 8e-3);
        o.put("cautious", 1.6e-2);
        o.put("mars", 1.6e-2);
        o.put("adam-mini", 1.6e-2);
        o.put("muon", 3.2e-2);
        o.put("scion", 3.2e-2);
        o.put("soap", 1.6e-2);
        o.put("kron", 3.2e-2);
        o.put("sophia-h", 4e-3);
        return new BenchmarkPlan(List.of(16, 24, 32), o, List.of(1, 2, 4, 8), BATCH, 64, 2);
    }
}
