package org.lmlab.nn;

import org.bytedeco.pytorch.Tensor;

/** A normalization over the last dimension: {@link LayerNorm} or {@link RMSNorm}. */
public abstract class Norm extends Module {
    public abstract Tensor forward(Tensor x);

    /** Which normalization (config value {@code model.norm}). */
    public enum Kind { LAYERNORM, RMSNORM }

    /** A norm of {@code kind} over {@code dim} features; {@code bias} applies to LayerNorm only. */
    public static Norm of(Kind kind, long dim, boolean bias, double eps) {
        return switch (kind) {
            case LAYERNORM -> new LayerNorm(dim, bias, eps);
            case RMSNORM -> new RMSNorm(dim, eps);
        };
    }
}
