package org.lmlab.optim;

/**
 * A learning-rate multiplier as a function of the step (0-based): lr_t = lr · factor(t). Pure functions of the
 * step, so resuming at step s reproduces the same learning rates.
 */
@FunctionalInterface
public interface Schedule {
    double factor(long step);

    /** The schedule kinds (config value {@code schedule.kind}). */
    enum Kind { CONSTANT, LINEAR_WARMUP, COSINE, WARMUP_STABLE_DECAY }

    /**
     * Builds a schedule.
     * <ul>
     *   <li>constant: 1.</li>
     *   <li>linear-warmup: min(1, (t+1)/W).</li>
     *   <li>cosine: warmup, then r + (1−r)·½(1 + cos(π·p)), p = (t−W)/(T−W) ∈ [0, 1].</li>
     *   <li>warmup-stable-decay (Hu et al. 2024, "MiniCPM"): warmup, 1 until the last {@code decayFraction}·T steps,
     *       then linear down to r.</li>
     * </ul>
     * with W = warmup steps, T = total steps, r = minRatio.
     */
    static Schedule of(Kind kind, long warmup, long total, double minRatio, double decayFraction) {
        Schedule warm = t -> warmup > 0 && t < warmup ? (t + 1) / (double) warmup : 1.0;
        return switch (kind) {
            case CONSTANT -> t -> 1.0;
            case LINEAR_WARMUP -> warm;
            case COSINE -> t -> {
                if (t < warmup) {
                    return warm.factor(t);
                }
                double p = Math.min(1.0, (t - warmup) / (double) Math.max(1, total - warmup));
                return minRatio + (1 - minRatio) * 0.5 * (1 + Math.cos(Math.PI * p));
            };
            case WARMUP_STABLE_DECAY -> t -> {
                if (t < warmup) {
                    return warm.factor(t);
                }
                long decaySteps = Math.round(decayFraction * total);
                long decayStart = total - decaySteps;
                if (t < decayStart || decaySteps == 0) {
                    return 1.0;
                }
                double p = Math.min(1.0, (t - decayStart + 1) / (double) decaySteps);
                return 1.0 - (1.0 - minRatio) * p;
            };
        };
    }
}
