package org.lmlab.model.recurrent;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

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
public final class Lstm extends FusedRecurrent {
    public Lstm(long dim, long state, double outStd) {
        super(dim, state, 4, outStd);
    }

    @Override
    protected Tensor states(Tensor x, TensorVector params) {
        Tensor zero = torch.zeros(new long[] {1, x.size(0), state}, x.options());
        return torch.lstm(x, new TensorVector(zero, zero), params, true, 1, 0.0, true, false, true).get0();
    }
}
