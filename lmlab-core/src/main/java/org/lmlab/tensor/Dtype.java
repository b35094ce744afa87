package org.lmlab.tensor;

import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * How a model holds its parameters and computes (config value {@code dtype}): a plain floating-point type for
 * both, or {@link #BF16_MIXED} precision.
 */
public enum Dtype {
    FLOAT32(ScalarType.Float, null),
    FLOAT64(ScalarType.Double, null),
    BFLOAT16(ScalarType.BFloat16, null),
    /**
     * Mixed precision as {@code torch.autocast("cpu", dtype=torch.bfloat16)}: parameters, gradients and optimizer
     * state stay float32; inside the model's forward, libtorch's autocast runs matrix products (linear, matmul,
     * SDPA) in bfloat16 and keeps precision-sensitive ops (norms, softmax, losses) in float32. Logits come back as
     * float32. On CPUs with AVX512-BF16 this roughly halves step time.
     */
    BF16_MIXED(ScalarType.Float, ScalarType.BFloat16);

    private final ScalarType scalarType;
    private final ScalarType autocastType;

    Dtype(ScalarType scalarType, ScalarType autocastType) {
        this.scalarType = scalarType;
        this.autocastType = autocastType;
    }

    /** The type parameters are stored in. */
    public ScalarType scalarType() {
        return scalarType;
    }

    /** The lower-precision compute type autocast uses inside forward passes, or null when there is none. */
    public ScalarType autocastType() {
        return autocastType;
    }
}
