package org.lmlab.repro.optimizers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the benchmark trains: model widths, optimizers with their learning-rate grids (centred on the brief's tuned
 * values, in factor-2 steps), and data ratios (multiples of Chinchilla's 20 tokens per non-embedding parameter).
 * The quick plan keeps one size, AdamW and Muon, so P1–P3 are still measured, in about a minute.
 *
 * @param widths       d_model of each size (2 layers, head dim 16)
 * @param optimizers   optim.kind → learning rates to try at 1×
 * @param ratios       data ratios of the baseline's scaling fit; the baseline's lr is tuned at each
 * @param batchSize    sequences per step
 * @param seqLen       tokens per sequence
 * @param parallel     trials run at once (child processes, one thread each)
 */
record BenchmarkPlan(List<Integer> widths, Map<String, List<Double>> optimizers, List<Integer> ratios, int batchSize,
        int seqLen, int parallel) {

    static final String BASELINE = "adamw";

    static BenchmarkPlan quick() {
        Map<String, List<Double>> o = new LinkedHashMap<>();
        o.put(BASELINE, List.of(2e-3, 4e-3, 8e-3, 1.6e-2, 3.2e-2, 6.4e-2));
        o.put("muon", List.of(1.6e-2, 3.2e-2, 6.4e-2));
        return new BenchmarkPlan(List.of(32), o, List.of(1, 2, 4, 8), 32, 64, 2);
    }

    static BenchmarkPlan full() {
        Map<String, List<Double>> o = new LinkedHashMap<>();
        o.put(BASELINE, List.of(2e-3, 4e-3, 8e-3, 1.6e-2, 3.2e-2, 6.4e-2));
        o.put("nadamw", List.of(8e-3, 1.6e-2, 3.2e-2));
        o.put("lion", List.of(1e-3, 2e-3, 4e-3));
        o.put("cautious", List.of(8e-3, 1.6e-2, 3.2e-2));
        o.put("mars", List.of(8e-3, 1.6e-2, 3.2e-2));
        o.put("adam-mini", List.of(8e-3, 1.6e-2, 3.2e-2));
        o.put("muon", List.of(1.6e-2, 3.2e-2, 6.4e-2));
        o.put("scion", List.of(1.6e-2, 3.2e-2, 6.4e-2));
        o.put("soap", List.of(8e-3, 1.6e-2, 3.2e-2));
        o.put("kron", List.of(1e-3, 2e-3, 4e-3));
        o.put("sophia-h", List.of(2e-3, 4e-3, 8e-3));
        return new BenchmarkPlan(List.of(32, 48, 64), o, List.of(1, 2, 4, 8), 32, 64, 2);
    }
}
