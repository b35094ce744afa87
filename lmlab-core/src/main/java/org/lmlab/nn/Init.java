package org.lmlab.nn;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * Parameter initializers. All draw from libtorch's default generator, so a model is a pure function of the seed
 * set before it is built (and of its registration order). Parameters start as float32 on the CPU; the model is
 * moved to its configured dtype and device afterwards.
 */
public final class Init {
    private Init() {}

    /** N(0, std²) entries. */
    public static Tensor normal(double std, long... shape) {
        return torch.randn(shape).mul_(new org.bytedeco.pytorch.Scalar(std));
    }

    public static Tensor zeros(long... shape) {
        return torch.zeros(shape);
    }

    public static Tensor ones(long... shape) {
        return torch.ones(shape);
    }
}
