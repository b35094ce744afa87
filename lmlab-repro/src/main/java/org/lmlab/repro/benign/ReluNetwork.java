package org.lmlab.repro.benign;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.lmlab.nn.Linear;
import org.lmlab.nn.Module;
import org.lmlab.nn.Role;
import org.lmlab.optim.Optimizer;
import org.lmlab.optim.Sgd;
import org.lmlab.tensor.NoGrad;
import org.lmlab.tensor.Tensors;

/**
 * A two-layer ReLU network f(x) = W₂ relu(W₁ x + b₁) + b₂ in float32 (PyTorch's default initialization variance),
 * trained by full-batch gradient descent on the logistic loss log(1 + e^{−y f(x)}) until it interpolates the (noisy) labels —
 * the trained-network counterpart of {@link MaxMargin} for the width sweep of {@link BenignOverfitting}.
 */
final class ReluNetwork extends Module {
    private final Linear hidden;
    private final Linear out;
    final int width;

    /** Draws from libtorch's default generator: seed it first ({@code Rng.seed}). */
    ReluNetwork(int p, int width) {
        this.width = width;
        this.hidden = child("hidden", new Linear(p, width, true, 1 / Math.sqrt(3.0 * p), Role.MATRIX));
        this.out = child("out", new Linear(width, 1, true, 1 / Math.sqrt(3.0 * width), Role.HEAD));
    }

    /** x [m, p] float32 → scores [m]. */
    Tensor scores(Tensor x) {
        return out.forward(torch.relu(hidden.forward(x))).squeeze(1);
    }

    /** Fraction of sign(f(x)) ≠ y, y of ±1 (float32). */
    double error(Tensor x, Tensor y) {
        try (NoGrad g = NoGrad.enter()) {
            return GaussianMixture.errorRate(scores(x), y);
        }
    }

    /** Outcome of a fit: steps taken, the final training error (0 = interpolated) and logistic loss. */
    record Fit(int steps, double trainError, double loss) {}

    /** Mean logistic loss log(1 + e^{−y f}) = softplus(−y f). */
    Tensor loss(Tensor x, Tensor y) {
        return torch.softplus(scores(x).mul(y).neg()).mean();
    }

    /**
     * Full-batch gradient descent (no weight decay) on the mean logistic loss until the training error is 0 and the loss is at most
     * {@code lossTarget} (checked every {@code every} steps), or {@code maxSteps}. Stopping at the first interpolating
     * step would leave the network near its random initialization; driving the loss down lets the implicit bias of
     * gradient descent on the logistic loss (growing normalized margin) act, as for the max-margin linear classifier.
     * Gradient descent rather than Adam: Adam's per-coordinate scaling has a different (non-ℓ₂) implicit bias and,
     * measured here, left every width at ≈ 0.31 clean error.
     */
    Fit fit(Tensor x, Tensor y, double lr, double lossTarget, int maxSteps, int every) {
        Optimizer opt = new Sgd(namedParameters(), lr, 0, 0);
        double err = error(x, y);
        double lossNow = lossValue(x, y);
        int step = 0;
        while ((err > 0 || lossNow > lossTarget) && step < maxSteps) {
            try (PointerScope scope = new PointerScope()) {
                opt.step(() -> {
                    Tensor loss = loss(x, y);
                    loss.backward();
                    return loss;
                });
            }
            step++;
            if (step % every == 0) {
                try (PointerScope scope = new PointerScope()) {
                    err = error(x, y);
                    lossNow = lossValue(x, y);
                }
            }
        }
        return new Fit(step, err, lossNow);
    }

    private double lossValue(Tensor x, Tensor y) {
        try (NoGrad g = NoGrad.enter()) {
            return loss(x, y).item_double();
        }
    }
}
