package org.lmlab.model.recurrent;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.lmlab.nn.HookPoint;
import org.lmlab.nn.Layer;
import org.lmlab.nn.Linear;
import org.lmlab.nn.Module;
import org.lmlab.nn.Parameter;
import org.lmlab.nn.Role;

/**
 * What GRU and LSTM share: PyTorch's single-layer parameter layout for {@code gates} stacked gates —
 * {@code weight_ih} [gates·s, d], {@code weight_hh} [gates·s, s], {@code bias_ih}, {@code bias_hh} [gates·s] —
 * run by one of libtorch's fused kernels, then a projection {@code out.weight} [d, s] back to the residual width.
 * Hook point {@code state}: h_t for every t, [B, T, s].
 */
abstract class FusedRecurrent extends Module implements Layer {
    protected final long state;
    private final Parameter wIh;
    private final Parameter wHh;
    private final Parameter bIh;
    private final Parameter bHh;
    private final Linear out;
    private final HookPoint statePoint;

    FusedRecurrent(long dim, long state, int gates, double outStd) {
        this.state = state;
        this.wIh = parameter("weight_ih", RecurrentInit.uniform(state, gates * state, dim), Role.MATRIX);
        this.wHh = parameter("weight_hh", RecurrentInit.uniform(state, gates * state, state), Role.MATRIX);
        this.bIh = parameter("bias_ih", RecurrentInit.uniform(state, gates * state), Role.BIAS);
        this.bHh = parameter("bias_hh", RecurrentInit.uniform(state, gates * state), Role.BIAS);
        this.out = child("out", new Linear(state, dim, false, outStd, Role.MATRIX));
        this.statePoint = hookPoint("state");
    }

    /** The fused kernel over x [B, T, d] (batch first, zero initial state): h_t for every t, [B, T, s]. */
    protected abstract Tensor states(Tensor x, TensorVector params);

    /** x: [B, T, d] → [B, T, d]. */
    @Override
    public Tensor forward(Tensor x) {
        TensorVector params = new TensorVector(wIh.tensor(), wHh.tensor(), bIh.tensor(), bHh.tensor());
        return out.forward(statePoint.apply(states(x, params)));
    }

    public long stateSize() {
        return state;
    }
}
