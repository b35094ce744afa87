package org.lmlab.config;

import java.util.List;
import java.util.Map;

/** A small config hierarchy shaped like the real ones: nested sections, enums, lists, maps and validation. */
final class TestConfigs {
    private TestConfigs() {}

    enum Norm { LAYERNORM, RMSNORM }

    enum Schedule { CONSTANT, COSINE, WARMUP_STABLE_DECAY }

    @Doc("The transformer shape")
    public record ModelCfg(
            @Doc("Width of the residual stream") int dModel,
            @Doc("Attention heads") int nHeads,
            @Doc("Normalization layer") Norm norm,
            boolean tieEmbeddings,
            @Doc("Sliding-window sizes per layer") List<Integer> windowSizes) {
        public ModelCfg {
            if (nHeads <= 0 || dModel % nHeads != 0) {
                throw new IllegalArgumentException("d_model must be divisible by n_heads");
            }
            windowSizes = List.copyOf(windowSizes);
        }

        public static ModelCfg defaults() {
            return new ModelCfg(64, 4, Norm.RMSNORM, true, List.of());
        }

        public ModelCfg withDModel(int dModel) {
            return new ModelCfg(dModel, nHeads, norm, tieEmbeddings, windowSizes);
        }
    }

    public record OptimCfg(@Doc("Peak learning rate") double lr, double weightDecay, Schedule schedule) {
        public static OptimCfg defaults() {
            return new OptimCfg(1e-3, 0.1, Schedule.COSINE);
        }
    }

    /** A list element without defaults(): every key must be given. */
    public record Stage(String name, int steps) {}

    public record TrainCfg(@Doc("Optimizer steps") int steps, long seed, String name, List<Stage> stages) {
        public static TrainCfg defaults() {
            return new TrainCfg(1000, 42L, "run", List.of());
        }
    }

    public record RunCfg(ModelCfg model, OptimCfg optim, TrainCfg train, Map<String, String> tags) {
        public static RunCfg defaults() {
            return new RunCfg(ModelCfg.defaults(), OptimCfg.defaults(), TrainCfg.defaults(), Map.of());
        }
    }
}
