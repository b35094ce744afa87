package org.lmlab.optim;

import java.util.Map;
import org.lmlab.config.Doc;
import org.lmlab.nn.Parameter;

/**
 * Optimizer and learning-rate schedule settings (config section {@code optim}). The first fields apply to every
 * optimizer; the later ones only to the optimizers named in their description and are ignored by the others.
 * {@link #defaults(Kind)} gives each optimizer's recommended values (the tuned 130M settings of "Fantastic
 * Pretraining Optimizers" where the brief lists them, the reference's defaults elsewhere); choosing a kind in YAML
 * does not change the shared fields by itself.
 */
public record OptimConfig(
        @Doc("which optimizer (the zoo, or sgd)")
        Kind kind,
        @Doc("peak learning rate (for Muon and Scion: of the hidden matrices)")
        double lr,
        @Doc("first-moment decay β₁ (Adam family, Soap, Kron's momentum, Sophia; Lion's interpolation " +
                "β₁; the momentum of Muon's AdamW and Scion's Signum companions)")
        double beta1,
        @Doc("second-moment decay β₂ (Adam family, Soap, the Muon companion; Lion's momentum decay; " +
                "Sophia's Hessian average)")
        double beta2,
        @Doc("ε added to √v̂ (Sophia: the floor of γ·h)")
        double eps,
        @Doc("lr-coupled weight decay on MATRIX and HEAD parameters")
        double weightDecay,
        @Doc("global gradient-norm clip (0 = off; Mars clips its corrected gradient instead)")
        double clipNorm,
        @Doc("learning-rate schedule kind")
        Schedule.Kind schedule,
        @Doc("linear warmup steps")
        long warmupSteps,
        @Doc("final lr as a fraction of the peak (cosine, warmup-stable-decay)")
        double minLrRatio,
        @Doc("fraction of training spent decaying (warmup-stable-decay)")
        double decayFraction,
        @Doc("sharpness-aware wrapper around the optimizer: none, sam (normalized ascent), usam " +
                "(unnormalized), one-sam (one ascent per sample of the batch) — see Sam")
        SamKind sam,
        @Doc("SAM's perturbation radius ρ (ignored when sam: none)")
        double rho,
        @Doc("momentum μ of the orthogonalized matrices (Muon, Scion)")
        double momentum,
        @Doc("Newton–Schulz steps (Muon, Scion); 0 picks the optimizer's own (Muon 5, Scion 10)")
        int nsSteps,
        @Doc("learning rate of the companion optimizer as a fraction of lr (Muon's AdamW, Scion's " +
                "Signum)")
        double lrRatio,
        @Doc("scale γ of Mars's gradient correction")
        double marsGamma,
        @Doc("decay β_s of Soap's preconditioner statistics L and R")
        double preconditionerBeta,
        @Doc("steps between Soap's eigenbasis refreshes and between Sophia's Hessian estimates")
        int preconditionFrequency,
        @Doc("step size of Kron's preconditioner fit")
        double preconditionerLr,
        @Doc("Kron's final probability of a preconditioner update per step")
        double updateProbability,
        @Doc("steps before Kron's update probability starts to anneal from 1")
        long updateProbabilityFlatSteps,
        @Doc("Sophia's scale γ of the Hessian estimate in the denominator")
        double sophiaGamma) {

    /** Optimizer kinds (config value {@code optim.kind}: adamw, nadamw, lion, cautious, mars, adam-mini, ...). */
    public enum Kind { ADAMW, NADAMW, LION, CAUTIOUS, MARS, ADAM_MINI, MUON, SCION, SOAP, KRON, SOPHIA_H, SGD }

    /** Sharpness-aware wrappers (config value {@code optim.sam}); any of them composes with any {@link Kind}. */
    public enum SamKind { NONE, SAM, USAM, ONE_SAM }

    /** The settings without a SAM wrapper (sam: none, ρ = 0.05) and with the zoo's default knobs. */
    public OptimConfig(Kind kind, double lr, double beta1, double beta2, double eps, double weightDecay,
            double clipNorm, Schedule.Kind schedule, long warmupSteps, double minLrRatio, double decayFraction) {
        this(kind, lr, beta1, beta2, eps, weightDecay, clipNorm, schedule, warmupSteps, minLrRatio, decayFraction,
                SamKind.NONE, 0.05, 0.95, 0, 0.2, 0.025, 0.95, 10, 0.1, 0.05, 500, 0.01);
    }

    public OptimConfig {
        if (sam == null) {
            sam = SamKind.NONE;
        }
        nonNegative("rho", rho);
        positive("lr", lr);
        unitInterval("beta1", beta1);
        unitInterval("beta2", beta2);
        unitInterval("momentum", momentum);
        unitInterval("preconditioner_beta", preconditionerBeta);
        nonNegative("eps", eps);
        nonNegative("weight_decay", weightDecay);
        nonNegative("clip_norm", clipNorm);
        nonNegative("warmup_steps", warmupSteps);
        nonNegative("ns_steps", nsSteps);
        nonNegative("lr_ratio", lrRatio);
        nonNegative("mars_gamma", marsGamma);
        nonNegative("update_probability_flat_steps", updateProbabilityFlatSteps);
        positive("preconditioner_lr", preconditionerLr);
        positive("sophia_gamma", sophiaGamma);
        if (preconditionFrequency < 1) {
            throw new IllegalArgumentException("precondition_frequency must be >= 1, got " + preconditionFrequency);
        }
        if (!(updateProbability > 0 && updateProbability <= 1)) {
            throw new IllegalArgumentException("update_probability must be in (0, 1], got " + updateProbability);
        }
        if (minLrRatio < 0 || minLrRatio > 1 || decayFraction < 0 || decayFraction > 1) {
            throw new IllegalArgumentException("min_lr_ratio and decay_fraction must be in [0, 1]");
        }
    }

    private static void positive(String key, double v) {
        if (!(v > 0)) {
            throw new IllegalArgumentException(key + " must be > 0, got " + v);
        }
    }

    private static void nonNegative(String key, double v) {
        if (!(v >= 0)) {
            throw new IllegalArgumentException(key + " must be >= 0, got " + v);
        }
    }

    private static void unitInterval(String key, double v) {
        if (!(v >= 0 && v < 1)) {
            throw new IllegalArgumentException(key + " must be in [0, 1), got " + v);
        }
    }

    public static OptimConfig defaults() {
        return new OptimConfig(Kind.ADAMW, 3e-3, 0.9, 0.95, 1e-8, 0.1, 1.0, Schedule.Kind.COSINE, 50, 0.1, 0.2);
    }

    /**
     * The recommended settings of one optimizer, the schedule fields left at {@link #defaults()}: AdamW lr 8e-3,
     * β 0.9/0.98, ε 1e-20; NAdamW lr 1.6e-2, β 0.95/0.95; Lion lr 2e-3, β 0.95/0.95, wd 0.7; Cautious lr 8e-3,
     * β 0.95/0.98; Mars lr 1.6e-2, β 0.9/0.95, γ 0.025; Adam-mini lr 8e-3, β 0.9/0.98; Muon lr 1.6e-2, μ 0.98,
     * ratio 0.2; Scion lr 1.6e-2, μ 0.95, β₁ 0.95, ratio 0.2; Soap lr 8e-3, β 0.95/0.95, β_s 0.95, f 10; Kron
     * lr 2e-3, β₁ 0.95, η_p 0.1, p 0.05 after 500 steps, wd 0.7; Sophia-H lr 4e-3, β 0.96/0.99, ε 1e-12, γ 0.01,
     * k 10. Weight decay is 0.1 where not stated.
     */
    public static OptimConfig defaults(Kind kind) {
        return switch (kind) {
            case ADAMW -> tuned(kind, 8e-3, 0.9, 0.98, 1e-20, 0.1, 0.95);
            case NADAMW -> tuned(kind, 1.6e-2, 0.95, 0.95, 1e-8, 0.1, 0.95);
            case LION -> tuned(kind, 2e-3, 0.95, 0.95, 1e-8, 0.7, 0.95);
            case CAUTIOUS -> tuned(kind, 8e-3, 0.95, 0.98, 1e-8, 0.1, 0.95);
            case ADAM_MINI -> tuned(kind, 8e-3, 0.9, 0.98, 1e-8, 0.1, 0.95);
            case MARS -> tuned(kind, 1.6e-2, 0.9, 0.95, 1e-8, 0.1, 0.95);
            case MUON -> tuned(kind, 1.6e-2, 0.9, 0.95, 1e-8, 0.1, 0.98);
            case SCION -> tuned(kind, 1.6e-2, 0.95, 0.95, 1e-8, 0.1, 0.95);
            case SOAP -> tuned(kind, 8e-3, 0.95, 0.95, 1e-8, 0.1, 0.95);
            case KRON -> tuned(kind, 2e-3, 0.95, 0.95, 1e-8, 0.7, 0.95);
            case SOPHIA_H -> tuned(kind, 4e-3, 0.96, 0.99, 1e-12, 0.1, 0.95);
            case SGD -> defaults().withKind(kind);
        };
    }

    private static OptimConfig tuned(Kind kind, double lr, double beta1, double beta2, double eps, double wd,
            double momentum) {
        OptimConfig d = defaults();
        return new OptimConfig(kind, lr, beta1, beta2, eps, wd, d.clipNorm, d.schedule, d.warmupSteps, d.minLrRatio,
                d.decayFraction, d.sam, d.rho, momentum, d.nsSteps, d.lrRatio, d.marsGamma, d.preconditionerBeta,
                d.preconditionFrequency, d.preconditionerLr, d.updateProbability, d.updateProbabilityFlatSteps,
                d.sophiaGamma);
    }

    /** Builds the optimizer over {@code params} with seed 0 for its random draws (Kron, Sophia-H). */
    public Optimizer build(Map<String, Parameter> params) {
        return build(params, 0);
    }

    /**
     * Builds the optimizer over {@code params} (call outside any PointerScope: state is allocated here), wrapped in
     * {@link Sam} when {@code sam} is not none; the stochastic optimizers draw their random vectors from
     * {@code seed} and the step.
     */
    public Optimizer build(Map<String, Parameter> params, long seed) {
        Optimizer base = switch (kind) {
            case ADAMW -> new AdamW(params, lr, beta1, beta2, eps, weightDecay, clipNorm);
            case NADAMW -> new NAdamW(params, lr, beta1, beta2, eps, weightDecay, clipNorm);
            case LION -> new Lion(params, lr, beta1, beta2, weightDecay, clipNorm);
            case CAUTIOUS -> new Cautious(params, lr, beta1, beta2, eps, weightDecay, clipNorm);
            case MARS -> new Mars(params, lr, beta1, beta2, eps, marsGamma, weightDecay, clipNorm);
            case ADAM_MINI -> new AdamMini(params, lr, beta1, beta2, eps, weightDecay, clipNorm);
            case MUON -> new Muon(params, lr, momentum, nsSteps == 0 ? 5 : nsSteps, lrRatio, beta1, beta2, eps,
                    weightDecay, clipNorm);
            case SCION -> new Scion(params, lr, momentum, nsSteps == 0 ? 10 : nsSteps, lrRatio, beta1, weightDecay,
                    clipNorm);
            case SOAP -> new Soap(params, lr, beta1, beta2, preconditionerBeta, eps, preconditionFrequency,
                    weightDecay, clipNorm);
            case KRON -> new Kron(params, lr, beta1, preconditionerLr, updateProbability, updateProbabilityFlatSteps,
                    weightDecay, clipNorm, seed);
            case SOPHIA_H -> new SophiaH(params, lr, beta1, beta2, eps, sophiaGamma, preconditionFrequency,
                    weightDecay, clipNorm, seed);
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

    public OptimConfig withKind(Kind v) {
        return new OptimConfig(v, lr, beta1, beta2, eps, weightDecay, clipNorm, schedule, warmupSteps, minLrRatio,
                decayFraction, sam, rho, momentum, nsSteps, lrRatio, marsGamma, preconditionerBeta,
                preconditionFrequency, preconditionerLr, updateProbability, updateProbabilityFlatSteps, sophiaGamma);
    }

    public OptimConfig withLr(double v) {
        return new OptimConfig(kind, v, beta1, beta2, eps, weightDecay, clipNorm, schedule, warmupSteps, minLrRatio,
                decayFraction, sam, rho, momentum, nsSteps, lrRatio, marsGamma, preconditionerBeta, preconditionFrequency,
                preconditionerLr, updateProbability, updateProbabilityFlatSteps, sophiaGamma);
    }

    /** A copy with the schedule fields replaced (kind, warmup steps, min-lr ratio, decay fraction). */
    public OptimConfig withSchedule(Schedule.Kind s, long warmup, double minRatio, double decay) {
        return new OptimConfig(kind, lr, beta1, beta2, eps, weightDecay, clipNorm, s, warmup, minRatio, decay, sam, rho,
                momentum, nsSteps, lrRatio, marsGamma, preconditionerBeta, preconditionFrequency, preconditionerLr,
                updateProbability, updateProbabilityFlatSteps, sophiaGamma);
    }

    /** The same settings wrapped in sharpness-aware minimization {@code s} with radius {@code r}. */
    public OptimConfig withSam(SamKind s, double r) {
        return new OptimConfig(kind, lr, beta1, beta2, eps, weightDecay, clipNorm, schedule, warmupSteps, minLrRatio,
                decayFraction, s, r, momentum, nsSteps, lrRatio, marsGamma, preconditionerBeta, preconditionFrequency,
                preconditionerLr, updateProbability, updateProbabilityFlatSteps, sophiaGamma);
    }
}
