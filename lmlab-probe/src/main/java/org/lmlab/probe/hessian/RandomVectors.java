package org.lmlab.probe.hessian;

import org.bytedeco.pytorch.Generator;
import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;
import org.lmlab.tensor.Tensors;

/**
 * Probe vectors from a private generator seeded per call, so a probe is a pure function of its seed and never
 * advances the training run's global random stream.
 */
final class RandomVectors {
    private final Generator generator;
    private final TensorOptions options;

    RandomVectors(long seed, TensorOptions options) {
        this.generator = torch.createCPUGenerator(seed);
        this.options = options;
    }

    /** N(0, I) in R^D (drawn in float64 on the CPU, then converted: the same numbers on every device). */
    Tensor gaussian(long dim) {
        Tensor z = torch.randn(new long[] {dim}, new GeneratorOptional(generator),
                Tensors.options(torch.ScalarType.Double));
        return z.to(options, false, false, new org.bytedeco.pytorch.MemoryFormatOptional());
    }

    /** Uniform on {−1, +1}^D (Rademacher), Hutchinson's probe vectors. */
    Tensor rademacher(long dim) {
        Tensor half = torch.full(new long[] {dim}, Tensors.s(0.5), new org.bytedeco.pytorch.DimnameListOptional(), Tensors.options(torch.ScalarType.Double));
        Tensor bits = torch.bernoulli(half, new GeneratorOptional(generator));
        return bits.mul_(Tensors.s(2.0)).sub_(Tensors.s(1.0))
                .to(options, false, false, new org.bytedeco.pytorch.MemoryFormatOptional());
    }

    /** A Gaussian direction scaled to unit length. */
    Tensor unit(long dim) {
        Tensor g = gaussian(dim);
        return g.div_(g.norm());
    }
}
