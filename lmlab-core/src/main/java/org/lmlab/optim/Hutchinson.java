package org.lmlab.optim;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.GradMode;
import org.bytedeco.pytorch.Tensor;
import org.lmlab.nn.Parameter;
import org.lmlab.tensor.Hvp;
import org.lmlab.tensor.SecondOrder;

/**
 * Hutchinson's estimator of the Hessian diagonal (Bekas, Kokiopoulou &amp; Saad 2007): for a probe u with
 * E[uuᵀ] = I, E[u ⊙ Hu] = diag(H), with H u an exact Hessian-vector product ({@link Hvp}, double backward).
 */
final class Hutchinson {
    private Hutchinson() {}

    /**
     * u_i ⊙ (H u)_i per parameter for the closure's forward-only loss at the current parameters (zero where L
     * ignores θ_i). Callable from an optimizer's update: gradient recording is switched on for the duration.
     */
    static List<Tensor> diagonal(LossClosure closure, List<Parameter> params, List<Tensor> probes) {
        boolean previous = GradMode.is_enabled();
        GradMode.set_enabled(true);
        try {
            List<Tensor> leaves = params.stream().map(Parameter::tensor).toList();
            Tensor loss;
            try (SecondOrder s = SecondOrder.enter()) {
                loss = closure.loss();
            }
            List<Tensor> hu = Hvp.of(loss, leaves).apply(probes);
            List<Tensor> out = new ArrayList<>(hu.size());
            for (int i = 0; i < hu.size(); i++) {
                out.add(hu.get(i).mul(probes.get(i)));
            }
            return out;
        } finally {
            GradMode.set_enabled(previous);
        }
    }
}
