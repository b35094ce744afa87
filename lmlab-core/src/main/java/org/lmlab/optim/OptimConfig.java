package org.lmlab.optim;

import java.util.Map;
import org.lmlab.nn.Parameter;

/**
 * Optimizer and learning-rate schedule settings (config section {@code optim}).
 *
 * @param kind which optimizer (adamw, sgd)
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
 * @param sam sharpness-aware wrapper around the optimizer: none, sam (normalized ascent), usam (unnormalized),
 *     one-sam (one ascent per sample of the batch) — see {@link Sam}
 * @param rho SAM's perturbation radius ρ (ignored when {@code sam: none})
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
        double decayFraction,
        SamKind sam,
        double rho) {

    /** Optimizer kinds (config value {@code optim.kind}). */
    public enum Kind { ADAMW, SGD }

    /** Sharpness-aware wrappers (config value {@code optim.sam}); any of them composes with any {@link Kind}. */
    public enum SamKind { NONE, SAM, USAM, ONE_SAM }

    /** The settings without a SAM wrapper (sam: none, ρ = 0.05). */
    public OptimConfig(Kind kind, double lr, double beta1, double beta2, double eps, double weightDecay,
            double clipNorm, Schedule.Kind schedule, long warmupSteps, double minLrRatio, double decayFraction) {
        this(kind, lr, beta1, beta2, eps, weightDecay, clipNorm, schedule, warmupSteps, minLrRatio, decayFraction,
                SamKind.NONE, 0.05);
    }

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
        if (sam == null) {
            sam = SamKind.NONE;
        }
        if (!(rho >= 0)) {
            throw new IllegalArgumentException("rho must be >= 0");
        }
    }

    public static OptimConfig defaults() {
        return new OptimConfig(Kind.ADAMW, 3e-3, 0.9, 0.95, 1e-8, 0.1, 1.0, Schedule.Kind.COSINE, 50, 0.1, 0.2,
                SamKind.NONE, 0.05);
    }

    /**
     * Builds the optimizer over {@code params} (call outside any PointerScope: state is allocated here), wrapped
     * in {@link Sam} when {@code sam} is not none.
     */
    public Optimizer build(Map<String, Parameter> params) {
        Optimizer base = switch (kind) {
            case ADAMW -> new AdamW(params, lr, beta1, beta2, eps, weightDecay, clipNorm);
            case SGD -> new Sgd(params, lr, weightDecay, clipNorm);
        };
        return switch (sam) {
            case NONE -> base;
            case SAM -> new Sam(base, Sam.Variant.SAM, rho);
            case USAM -> new Sam(base, Sam.Variant.USAM, rho);
            case ONE_SAM -> new Sam(base, Sam.Variant.ONE_SAM, rho);
        };
    }

    public Schedule schedule(long totalSteps) {
        return Schedule.of(schedule, warmupSteps, totalSteps, minLrRatio, decayFraction);
    }

    public OptimConfig withLr(double v) {
        return new OptimConfig(kind, v, beta1, beta2, eps, weightDecay, clipNorm, schedule, warmupSteps, minLrRatio,
                decayFraction, sam, rho);
    }

    /** The same settings wrapped in sharpness-aware minimization {@code s} with radius {@code r}. */
    public OptimConfig withSam(SamKind s, double r) {
        return new OptimConfig(kind, lr, beta1, beta2, eps, weightDecay, clipNorm, schedule, warmupSteps, minLrRatio,
                decayFraction, s, r);
    }
}
