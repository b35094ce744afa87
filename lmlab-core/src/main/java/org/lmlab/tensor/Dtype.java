package org.lmlab.tensor;

import org.bytedeco.pytorch.global.torch.ScalarType;

/** Floating-point types a model can hold its parameters in (config value {@code dtype}). */
public enum Dtype {
    FLOAT32(ScalarType.Float),
    FLOAT64(ScalarType.Double),
    BFLOAT16(ScalarType.BFloat16);

    private final ScalarType scalarType;

    Dtype(ScalarType scalarType) {
        this.scalarType = scalarType;
    }

    public ScalarType scalarType() {
        return scalarType;
    }
}
