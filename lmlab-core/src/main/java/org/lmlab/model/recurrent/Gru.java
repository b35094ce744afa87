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
 * A GRU sequence mixer (Cho et al. 2014; PyTorch's gate layout) followed by a projection back to the residual
 * width:
 * <pre>
 *   r_t = σ(W_ir x_t + b_ir + W_hr h_{t−1} + b_hr)      z_t = σ(W_iz x_t + b_iz + W_hz h_{t−1} + b_hz)
 *   n_t = tanh(W_in x_t + b_in + r_t ⊙ (W_hn h_{t−1} + b_hn))      h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t−1}
 *   out_t = W_o h_t
 * </pre>
 * h_0 = 0 and the state h_t ∈ R^s is all the layer carries from the past — the bounded memory whose limits Wen,
 * Dang and Lyu 2024 ("RNNs are not Transformers (Yet)", §4) prove for in-context retrieval. The recurrence runs in
 * libtorch's fused {@code gru} kernel. Parameters: {@code weight_ih} [3s, d], {@code weight_hh} [3s, s],
 * {@code bias_ih}, {@code bias_hh} [3s] (rows r, z, n as in PyTorch), {@code out.weight} [d, s].
 * Hook point {@code state}: h_t for every t, [B, T, s].
 */
public final class Gru extends Module implements Layer {
    private final long state;
    private final Parameter wIh;
    private final Parameter wHh;
    private final Parameter bIh;
    private final Parameter bHh;
    private final Linear out;
    private final HookPoint statePoint;

    public Gru(long dim, long state, double outStd) {
        this.state = state;
        this.wIh = parameter("weight_ih", RecurrentInit.uniform(state, 3 * state, dim), Role.MATRIX);
        this.wHh = parameter("weight_hh", RecurrentInit.uniform(state, 3 * state, state), Role.MATRIX);
        this.bIh = parameter("bias_ih", RecurrentInit.uniform(state, 3 * state), Role.BIAS);
        this.bHh = parameter("bias_hh", RecurrentInit.uniform(state, 3 * state), Role.BIAS);
        this.out = child("out", new Linear(state, dim, false, outStd, Role.MATRIX));
        this.statePoint = hookPoint("state");
    }

    /** x: [B, T, d] → [B, T, d]. */
    @Override
    public Tensor forward(Tensor x) {
        Tensor h0 = torch.zeros(new long[] {1, x.size(0), state}, x.options());
        TensorVector params = new TensorVector(wIh.tensor(), wHh.tensor(), bIh.tensor(), bHh.tensor());
        Tensor hs = torch.gru(x, h0, params, true, 1, 0.0, true, false, true).get0();
        return out.forward(statePoint.apply(hs));
    }

    public long stateSize() {
        return state;
    }
}
