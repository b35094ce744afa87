package org.lmlab.model.recurrent;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.lmlab.tensor.Tensors;

/** PyTorch's default initialization of recurrent weights and biases: U(−1/√h, 1/√h) with h the hidden size. */
final class RecurrentInit {
    private RecurrentInit() {}

    static Tensor uniform(long hidden, long... shape) {
        double k = 1.0 / Math.sqrt(hidden);
        return torch.rand(shape).mul_(Tensors.s(2 * k)).sub_(Tensors.s(k));
    }
}
