package org.lmlab.nn;

import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.lmlab.tensor.Tensors;

/**
 * A trainable tensor with its {@link Role}. The tensor is a leaf that requires grad; its gradient accumulates in
 * libtorch and is read with {@link #grad()}.
 *
 * <p>The held tensor can be swapped ({@link #replace}) when a module changes dtype or device; layers always read
 * it through {@link #tensor()}, so the swap is seen everywhere. Loading weights copies into the existing tensor
 * instead, keeping optimizer references valid.
 *
 * <p>A weight that fuses several logical matrices (q, k and v in one) lists them as {@link RowBlock}s, so that
 * matrix-aware optimizers treat each one as the separate layer it stands for; any other parameter is one block.
 */
public final class Parameter {
    private final Role role;
    private final List<RowBlock> blocks;
    private Tensor tensor;

    Parameter(Tensor initial, Role role, List<RowBlock> blocks) {
        this.role = role;
        this.tensor = initial.detach().requires_grad_(true);
        long rows = initial.dim() == 0 ? 1 : initial.size(0);
        if (blocks.isEmpty()) {
            this.blocks = List.of(RowBlock.of("", rows));
        } else {
            long sum = blocks.stream().mapToLong(RowBlock::rows).sum();
            if (initial.dim() != 2 || sum != rows) {
                throw new IllegalArgumentException("row blocks must split the rows of a matrix exactly: " + sum
                        + " rows in blocks, tensor of shape " + java.util.Arrays.toString(Tensors.shape(initial)));
            }
            this.blocks = List.copyOf(blocks);
        }
    }

    public Tensor tensor() {
        return tensor;
    }

    public Role role() {
        return role;
    }

    /** The logical matrices stacked in this parameter's rows, in order; a single unnamed block unless fused. */
    public List<RowBlock> blocks() {
        return blocks;
    }

    /** Whether the parameter fuses several logical matrices. */
    public boolean isSplit() {
        return blocks.size() > 1;
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
