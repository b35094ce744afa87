package org.lmlab.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lmlab.nn.Role;
import org.lmlab.tensor.Tensors;
import org.lmlab.tensor.Torch;

class SophiaHTest {
    private static final double[] A = {4, 0.5, 2, 0.01};

    @BeforeAll
    static void init() {
        Torch.init();
    }

    /** L = ½ Σ a ⊙ W² on the 2×2 test parameter: ∇L = a ⊙ W and H = diag(a), so u ⊙ Hu = a ⊙ u². */
    private static LossClosure quadratic(AdamWTest.One m) {
        return LossClosure.of(() -> m.w.tensor().square().mul(Tensors.doubles(A, 2, 2)).sum().mul(Tensors.s(0.5)));
    }

    /**
     * Before the first Hessian estimate h = 0, so u = clip(m̂ / 1e-12) — element by element: m̂ = g, and only the
     * tiny third gradient stays inside ±1 (3e-14 / 1e-12 = 0.03); the others move by exactly ±lr.
     */
    @Test
    void updatesAreClippedPerElement() {
        AdamWTest.One m = new AdamWTest.One(Role.MATRIX);
        new SophiaH(m.namedParameters(), 0.01, 0.96, 0.99, 1e-12, 0.01, 10, 0, 0, 0)
                .step(AdamWTest.gradient(m, new double[] {0.1, -0.2, 3e-14, -5}));
        assertArrayEquals(new double[] {0.99, -1.99, 0.5 - 0.01 * 0.03, 3.01}, Tensors.toDoubles(m.w.tensor()), 1e-15);
    }

    /**
     * An independent float64 reference for two steps with a Hessian estimate after each (k = 1), in plain Java: step 1
     * is a clipped sign step; the estimate at θ₀ is h = (1−β₂)·a ⊙ u² with this step's probe u; step 2 divides m̂ by
     * max(γh, ε) and clips element by element — with these numbers some elements clip and some do not.
     */
    @Test
    void twoStepsWithHessianRefreshMatchAHandComputation() {
        double lr = 0.01;
        double b1 = 0.96;
        double b2 = 0.99;
        double gamma = 150;
        AdamWTest.One m = new AdamWTest.One(Role.MATRIX);
        SophiaH opt = new SophiaH(m.namedParameters(), lr, b1, b2, 1e-12, gamma, 1, 0, 0, 5);
        opt.step(quadratic(m));
        opt.step(quadratic(m));
        double[] w = {1, -2, 0.5, 3};
        double[] u1 = Tensors.toDoubles(SeededNoise.gaussian(5, 1, 0, Tensors.doubles(w, 2, 2)));
        double[] mom = new double[4];
        double[] h = new double[4];
        boolean clipped = false;
        boolean free = false;
        for (int i = 0; i < 4; i++) {
            double g1 = A[i] * w[i];
            mom[i] = (1 - b1) * g1;
            h[i] = (1 - b2) * A[i] * u1[i] * u1[i];
            w[i] -= lr * Math.signum(g1);
            double g2 = A[i] * w[i];
            mom[i] = b1 * mom[i] + (1 - b1) * g2;
            double ratio = mom[i] / (1 - b1 * b1) / Math.max(gamma * h[i], 1e-12);
            clipped |= Math.abs(ratio) > 1;
            free |= Math.abs(ratio) < 1;
            w[i] -= lr * Math.max(-1, Math.min(1, ratio));
        }
        assertTrue(clipped && free, "the case exercises both sides of the clip");
        assertArrayEquals(w, Tensors.toDoubles(m.w.tensor()), 1e-13);
    }

    /** Hutchinson's u ⊙ Hu is exact for a known non-diagonal Hessian: L = ½ xᵀ S x gives u ⊙ (S u). */
    @Test
    void hutchinsonProductsAreExact() {
        double[] s = {2, 1, 0, 1, 3, -1, 0, -1, 4};
        TestModules.Bag bag = new TestModules.Bag().add("x", Role.GAIN, 3);
        var x = bag.namedParameters().get("x");
        Tensor sm = Tensors.doubles(s, 3, 3);
        LossClosure closure = LossClosure.of(() -> {
            Tensor v = x.tensor().unsqueeze(1);
            return v.t().mm(sm).mm(v).sum().mul(Tensors.s(0.5));
        });
        Tensor u = Tensors.doubles(new double[] {0.5, -1, 2}, 3);
        double[] got = Tensors.toDoubles(Hutchinson.diagonal(closure, List.of(x), List.of(u)).get(0));
        double[] su = {2 * 0.5 - 1, 0.5 - 3 - 2, 1 + 8};
        assertArrayEquals(new double[] {0.5 * su[0], -su[1], 2 * su[2]}, got, 1e-15);
    }

    @Test
    void aClosureWithoutForwardOnlyLossIsNamedWhenTheHessianIsDue() {
        AdamWTest.One m = new AdamWTest.One(Role.MATRIX);
        SophiaH opt = new SophiaH(m.namedParameters(), 0.01, 0.96, 0.99, 1e-12, 0.01, 1, 0, 0, 0);
        var e = assertThrows(UnsupportedOperationException.class,
                () -> opt.step(AdamWTest.gradient(m, new double[] {0.1, -0.2, 0.3, 0.4})));
        assertTrue(e.getMessage().contains("LossClosure.loss()"), e.getMessage());
    }
}
