package org.lmlab.model.recurrent;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.lmlab.nn.HookPoint;
import org.lmlab.nn.Layer;
import org.lmlab.nn.Linear;
import org.lmlab.nn.Module;
import org.lmlab.nn.Parameter;
import org.lmlab.nn.Role;

/**
 * An LSTM sequence mixer (Hochreiter and Schmidhuber 1997; PyTorch's gate layout i, f, g, o) followed by a
 * projection back to the residual width:
 * <pre>
 *   [i, f, g, o]_t = W_ih x_t + b_ih + W_hh h_{t−1} + b_hh
 *   c_t = σ(f) ⊙ c_{t−1} + σ(i) ⊙ tanh(g),   h_t = σ(o) ⊙ tanh(c_t),   out_t = W_o h_t
 * </pre>
 * h_0 = c_0 = 0; the state (h_t, c_t) holds 2s numbers. Runs in libtorch's fused {@code lstm} kernel.
 * Parameters: {@code weight_ih} [4s, d], {@code weight_hh} [4s, s], {@code bias_ih}, {@code bias_hh} [4s],
 * {@code out.weight} [d, s]. Hook point {@code state}: h_t, [B, T, s].
 */
public final class Lstm extends Module implements Layer {
    private final long state;
    private final Parameter wIh;
    private final Parameter wHh;
    private final Parameter bIh;
    private final Parameter bHh;
    private final Linear out;
    private final HookPoint statePoint;

    public Lstm(long dim, long state, double outStd) {
        this.state = state;
        this.wIh = parameter("weight_ih", RecurrentInit.uniform(state, 4 * state, dim), Role.MATRIX);
        this.wHh = parameter("weight_hh", RecurrentInit.uniform(state, 4 * state, state), Role.MATRIX);
        this.bIh = parameter("bias_ih", RecurrentInit.uniform(state, 4 * state), Role.BIAS);
        this.bHh = parameter("bias_hh", RecurrentInit.uniform(state, 4 * state), Role.BIAS);
        this.out = child("out", new Linear(state, dim, false, outStd, Role.MATRIX));
        this.statePoint = hookPoint("state");
    }

    /** x: [B, T, d] → [B, T, d]. */
    @Override
    public Tensor forward(Tensor x) {
        Tensor zero = torch.zeros(new long[] {1, x.size(0), state}, x.options());
        TensorVector hx = new TensorVector(zero, zero);
        TensorVector params = new TensorVector(wIh.tensor(), wHh.tensor(), bIh.tensor(), bHh.tensor());
        Tensor hs = torch.lstm(x, hx, params, true, 1, 0.0, true, false, true).get0();
        return out.forward(statePoint.apply(hs));
    }

    public long stateSize() {
        return state;
    }
}
