package org.lmlab.optim;

import java.util.Map;
import org.lmlab.nn.Parameter;

/**
 * Optimizer and learning-rate schedule settings (config section {@code optim}).
 *
 * @param kind which optimizer
 * @param lr peak learning rate
 * @param beta1 first-moment decay β₁
 * @param beta2 second-moment decay β₂
 * @param eps ε added to √v̂
 * @param weightDecay lr-coupled weight decay on MATRIX and HEAD parameters
 * @param clipNorm global gradient-norm clip (0 = off)
 * @param schedule learning-rate schedule kind
 * @param warmupSteps linear warmup steps
 * @param minLrRatio final lr as a fraction of the peak (cosine, warmup-stable-decay)
 * @param decayFraction fraction of training spent decaying (warmup-stable-decay)
 */
public record OptimConfig(
        Kind kind,
        double lr,
        double beta1,
        double beta2,
        double eps,
        double weightDecay,
        double clipNorm,
        Schedule.Kind schedule,
        long warmupSteps,
        double minLrRatio,
        double decayFraction) {

    /** Optimizer kinds (config value {@code optim.kind}). */
    public enum Kind { ADAMW }

    public OptimConfig {
        if (!(lr > 0)) {
            throw new IllegalArgumentException("lr must be > 0");
        }
        if (beta1 < 0 || beta1 >= 1 || beta2 < 0 || beta2 >= 1) {
            throw new IllegalArgumentException("beta1 and beta2 must be in [0, 1)");
        }
        if (minLrRatio < 0 || minLrRatio > 1 || decayFraction < 0 || decayFraction > 1) {
            throw new IllegalArgumentException("min_lr_ratio and decay_fraction must be in [0, 1]");
        }
    }

    public static OptimConfig defaults() {
        return new OptimConfig(Kind.ADAMW, 3e-3, 0.9, 0.95, 1e-8, 0.1, 1.0, Schedule.Kind.COSINE, 50, 0.1, 0.2);
    }

    /** Builds the optimizer over {@code params} (call outside any PointerScope: state is allocated here). */
    public Optimizer build(Map<String, Parameter> params) {
        return switch (kind) {
            case ADAMW -> new AdamW(params, lr, beta1, beta2, eps, weightDecay, clipNorm);
        };
    }

    public Schedule schedule(long totalSteps) {
        return Schedule.of(schedule, warmupSteps, totalSteps, minLrRatio, decayFraction);
    }

    public OptimConfig withLr(double v) {
        return new OptimConfig(kind, v, beta1, beta2, eps, weightDecay, clipNorm, schedule, warmupSteps, minLrRatio,
                decayFraction);
    }
}
