package org.lmlab.model.recurrent;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

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
public final class Gru extends FusedRecurrent {
    public Gru(long dim, long state, double outStd) {
        super(dim, state, 3, outStd);
    }

    @Override
    protected Tensor states(Tensor x, TensorVector params) {
        Tensor h0 = torch.zeros(new long[] {1, x.size(0), state}, x.options());
        return torch.gru(x, h0, params, true, 1, 0.0, true, false, true).get0();
    }
}
