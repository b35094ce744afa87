package org.lmlab.repro.lpn;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.lmlab.nn.Linear;
import org.lmlab.nn.Module;
import org.lmlab.nn.Role;
import org.lmlab.tensor.NoGrad;
import org.lmlab.tensor.Tensors;

/**
 * The two-layer network of "Solving LPN with Neural Networks" (Jiang, Wen, Chen 2023): logit = W₂ relu(W₁ x + b₁) + b₂
 * on the ±1 encoding x = 1 − 2a, trained with binary cross-entropy on the noisy labels. The secret is read back from
 * the network alone: flipping query bit i changes ⟨a, s⟩ exactly when sᵢ = 1, so
 * ŝᵢ = majority over random a of 1[f(a) ≠ f(a ⊕ eᵢ)].
 */
final class LpnNetwork extends Module {
    private final Linear hidden;
    private final Linear out;
    private final int n;

    LpnNetwork(int n, int width) {
        this.n = n;
        // Variance of PyTorch's default uniform(±1/√fan_in) initialization.
        this.hidden = child("hidden", new Linear(n, width, true, 1 / Math.sqrt(3.0 * n), Role.MATRIX));
        this.out = child("out", new Linear(width, 1, true, 1 / Math.sqrt(3.0 * width), Role.HEAD));
    }

    /** ±1 queries [m, n] → logits [m]. */
    Tensor logits(Tensor x) {
        return out.forward(torch.relu(hidden.forward(x))).squeeze(1);
    }

    Tensor loss(LpnOracle.Batch b) {
        return torch.binary_cross_entropy_with_logits(logits(b.signs()), b.labels().to(torch.ScalarType.Float));
    }

    /** Fraction of (noisy) labels predicted. */
    double accuracy(LpnOracle.Batch b) {
        try (NoGrad g = NoGrad.enter()) {
            Tensor pred = logits(b.signs()).gt(Tensors.s(0.0)).to(torch.ScalarType.Long);
            return pred.eq(b.labels()).to(torch.ScalarType.Double).mean().item_double();
        }
    }

    /** ŝ by the bit-flip majority over the queries of {@code probe} (bit-packed). */
    long recoverSecret(LpnOracle.Batch probe) {
        try (NoGrad g = NoGrad.enter()) {
            Tensor x = probe.signs();
            Tensor base = logits(x).gt(Tensors.s(0.0));
            long s = 0;
            for (int i = 0; i < n; i++) {
                Tensor flipped = x.clone();
                flipped.select(1, i).neg_();
                double changed = logits(flipped).gt(Tensors.s(0.0)).ne(base).to(torch.ScalarType.Double).mean()
                        .item_double();
                if (changed > 0.5) {
                    s |= 1L << i;
                }
            }
            return s;
        }
    }
}
