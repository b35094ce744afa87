package org.lmlab.nn;

import org.bytedeco.pytorch.Tensor;
import org.lmlab.tensor.Tensors;

/**
 * A trainable tensor with its {@link Role}. The tensor is a leaf that requires grad; its gradient accumulates in
 * libtorch and is read with {@link #grad()}.
 *
 * <p>The held tensor can be swapped ({@link #replace}) when a module changes dtype or device; layers always read
 * it through {@link #tensor()}, so the swap is seen everywhere. Loading weights copies into the existing tensor
 * instead, keeping optimizer references valid.
 */
public final class Parameter {
    private final Role role;
    private Tensor tensor;

    Parameter(Tensor initial, Role role) {
        this.role = role;
        this.tensor = initial.detach().requires_grad_(true);
    }

    public Tensor tensor() {
        return tensor;
    }

    public Role role() {
        return role;
    }

    /** The accumulated gradient; an undefined tensor ({@code defined() == false}) before the first backward. */
    public Tensor grad() {
        return tensor.grad();
    }

    public long numel() {
        return tensor.numel();
    }

    public long[] shape() {
        return Tensors.shape(tensor);
    }

    /** Swaps in a new tensor (e.g. after a dtype/device change); it becomes a grad-requiring leaf. */
    public void replace(Tensor next) {
        this.tensor = next.detach().requires_grad_(true);
    }

    /** Drops the accumulated gradient (set to none, as PyTorch's default zero_grad). */
    public void zeroGrad() {
        Tensor g = tensor.grad();
        if (g.defined()) {
            tensor.mutable_grad().reset();
        }
    }
}
