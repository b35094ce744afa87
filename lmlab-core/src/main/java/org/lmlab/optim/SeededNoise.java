package org.lmlab.optim;

import org.bytedeco.pytorch.GeneratorOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.lmlab.tensor.Rng;
import org.lmlab.tensor.Tensors;

/**
 * Random draws of the stochastic optimizers (Kron's probe vectors, Sophia's Hutchinson probes) as pure functions of
 * (seed, step, stream): nothing random is carried in optimizer state, nothing disturbs libtorch's global generator,
 * and a run resumed from a checkpoint draws exactly what the uninterrupted run drew.
 */
final class SeededNoise {
    private SeededNoise() {}

    /** N(0, I) shaped and typed like {@code like}, on its device; drawn on the CPU, so alike on every device. */
    static Tensor gaussian(long seed, long step, long stream, Tensor like) {
        var generator = new GeneratorOptional(torch.make_generator_cpu(Rng.mix(Rng.mix(seed, step), stream)));
        Tensor v = torch.randn(Tensors.shape(like), generator, Tensors.options(like.scalar_type()));
        return like.device().is_cpu() ? v : v.to(like.device(), like.scalar_type());
    }
}
