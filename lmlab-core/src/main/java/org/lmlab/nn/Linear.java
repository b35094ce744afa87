package org.lmlab.nn;

import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;

/** y = x Wᵀ + b, with W of shape [out, in] (PyTorch's layout, so checkpoints map one to one). */
public final class Linear extends Module {
    private final Parameter weight;
    private final Parameter bias;

    /** A linear layer whose weight has role {@code role} and entries N(0, std²); the bias (if any) starts at 0. */
    public Linear(long in, long out, boolean bias, double std, Role role) {
        this(in, out, bias, std, role, List.of());
    }

    /** A linear layer that fuses several projections: its output rows stack the logical matrices {@code blocks}. */
    public Linear(long in, long out, boolean bias, double std, Role role, List<RowBlock> blocks) {
        this.weight = parameter("weight", Init.normal(std, out, in), role, blocks);
        this.bias = bias ? parameter("bias", Init.zeros(out), Role.BIAS) : null;
    }

    public Tensor forward(Tensor x) {
        return bias == null
                ? torch.linear(x, weight.tensor())
                : torch.linear(x, weight.tensor(), new TensorOptional(bias.tensor()));
    }

    public Parameter weight() {
        return weight;
    }

    public Parameter bias() {
        return bias;
    }
}
