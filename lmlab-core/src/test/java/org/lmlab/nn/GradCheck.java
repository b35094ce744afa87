package org.lmlab.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.lmlab.tensor.NoGrad;

/**
 * Float64 central finite differences against autograd: for a scalar loss, checks ∂L/∂θ_i at random coordinates
 * of every tensor given, (L(θ+h e_i) − L(θ−h e_i)) / 2h with h = 1e-6.
 */
public final class GradCheck {
    private GradCheck() {}

    public static void check(Supplier<Tensor> loss, Map<String, Tensor> leaves, int coordsPerTensor, double tol) {
        for (Tensor t : leaves.values()) {
            if (t.grad().defined()) {
                t.mutable_grad().reset();
            }
        }
        try (PointerScope scope = new PointerScope()) {
            loss.get().backward();
        }
        Random r = new Random(7);
        for (Map.Entry<String, Tensor> e : leaves.entrySet()) {
            Tensor t = e.getValue();
            Tensor flatGrad = t.grad().reshape(-1);
            Tensor flat = t.detach().view(-1);
            long n = flat.numel();
            for (int k = 0; k < Math.min(coordsPerTensor, n); k++) {
                long i = k == 0 ? 0 : (long) (r.nextDouble() * n);
                double analytic = flatGrad.select(0, i).item_double();
                double numeric;
                try (NoGrad g = NoGrad.enter(); PointerScope scope = new PointerScope()) {
                    double h = 1e-6;
                    double orig = flat.select(0, i).item_double();
                    flat.select(0, i).fill_(new org.bytedeco.pytorch.Scalar(orig + h));
                    double up = loss.get().item_double();
                    flat.select(0, i).fill_(new org.bytedeco.pytorch.Scalar(orig - h));
                    double down = loss.get().item_double();
                    flat.select(0, i).fill_(new org.bytedeco.pytorch.Scalar(orig));
                    numeric = (up - down) / (2 * h);
                }
                double err = Math.abs(analytic - numeric) / Math.max(1e-6, Math.abs(analytic) + Math.abs(numeric));
                assertTrue(err < tol || Math.abs(analytic - numeric) < 1e-8,
                        e.getKey() + "[" + i + "]: autograd " + analytic + " vs finite difference " + numeric);
            }
        }
    }
}
