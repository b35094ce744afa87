package org.lmlab.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HvpTest {
    @BeforeAll
    static void init() {
        Torch.init();
    }

    private static Tensor leaf(double... v) {
        return Tensors.doubles(v, v.length).requires_grad_(true);
    }

    /** L(a, b) = a₁² b + sin(a₂) b² + a₁ a₂, whose Hessian is written out by hand below. */
    private static Tensor handLoss(Tensor a, Tensor b) {
        Tensor a1 = a.select(0, 0);
        Tensor a2 = a.select(0, 1);
        Tensor bb = b.select(0, 0);
        return a1.mul(a1).mul(bb).add(a2.sin().mul(bb).mul(bb)).add(a1.mul(a2));
    }

    @Test
    void matchesTheHandComputedHessian() {
        double a1 = 0.7;
        double a2 = -1.3;
        double b = 2.1;
        double[][] h = {
            {2 * b, 1, 2 * a1},
            {1, -Math.sin(a2) * b * b, 2 * Math.cos(a2) * b},
            {2 * a1, 2 * Math.cos(a2) * b, 2 * Math.sin(a2)}};
        try (PointerScope scope = new PointerScope()) {
            Tensor a = leaf(a1, a2);
            Tensor bt = leaf(b);
            Hvp hvp = Hvp.of(handLoss(a, bt), List.of(a, bt));
            double[][] vs = {{1, 0, 0}, {0.3, -2, 0.5}};
            List<List<Tensor>> products = hvp.products(List.of(
                    List.of(Tensors.doubles(new double[] {vs[0][0], vs[0][1]}, 2), Tensors.doubles(new double[] {vs[0][2]}, 1)),
                    List.of(Tensors.doubles(new double[] {vs[1][0], vs[1][1]}, 2), Tensors.doubles(new double[] {vs[1][2]}, 1))));
            for (int k = 0; k < vs.length; k++) {
                double[] expected = new double[3];
                for (int i = 0; i < 3; i++) {
                    for (int j = 0; j < 3; j++) {
                        expected[i] += h[i][j] * vs[k][j];
                    }
                }
                double[] got = Tensors.toDoubles(Hvp.flatten(products.get(k)));
                assertArrayEquals(expected, got, 1e-12, "H v for v = " + java.util.Arrays.toString(vs[k]));
            }
            assertArrayEquals(new double[] {2 * a1 * b + a2, Math.cos(a2) * b * b + a1, a1 * a1 + 2 * Math.sin(a2) * b},
                    Tensors.toDoubles(Hvp.flatten(hvp.gradient())), 1e-12);
        }
    }

    /** A float64 tanh network: H v against central differences of the gradient, (∇L(θ+hv) − ∇L(θ−hv)) / 2h. */
    @Test
    void matchesFiniteDifferencesOfTheGradient() {
        try (PointerScope scope = new PointerScope()) {
            Rng.seed(3);
            Tensor x = torch.randn(new long[] {6, 4}, Tensors.options(torch.ScalarType.Double));
            Tensor y = torch.randn(new long[] {6, 1}, Tensors.options(torch.ScalarType.Double));
            Tensor w1 = torch.randn(new long[] {5, 4}, Tensors.options(torch.ScalarType.Double)).requires_grad_(true);
            Tensor w2 = torch.randn(new long[] {1, 5}, Tensors.options(torch.ScalarType.Double)).requires_grad_(true);
            List<Tensor> leaves = List.of(w1, w2);
            java.util.function.Supplier<Tensor> loss = () -> x.matmul(w1.t()).tanh().matmul(w2.t()).sub(y).pow(Tensors.s(2.0)).mean();
            Hvp hvp = Hvp.of(loss.get(), leaves);
            Tensor v = torch.randn(new long[] {hvp.dim()}, Tensors.options(torch.ScalarType.Double));
            double[] hv = Tensors.toDoubles(hvp.applyFlat(v));
            double h = 1e-5;
            double[] up = gradientAt(loss, leaves, hvp.unflatten(v), h);
            double[] down = gradientAt(loss, leaves, hvp.unflatten(v), -h);
            for (int i = 0; i < hv.length; i++) {
                double fd = (up[i] - down[i]) / (2 * h);
                assertEquals(fd, hv[i], 1e-7 * (1 + Math.abs(fd)), "coordinate " + i);
            }
        }
    }

    /** A loss linear in a leaf has zero Hessian rows for it (the gradient does not depend on θ). */
    @Test
    void linearLeavesGetZeroRows() {
        try (PointerScope scope = new PointerScope()) {
            Tensor a = leaf(1, 2);
            Tensor c = leaf(3);
            Tensor loss = a.mul(Tensors.doubles(new double[] {4, 5}, 2)).sum().add(c.mul(c).sum());
            Hvp hvp = Hvp.of(loss, List.of(a, c));
            assertArrayEquals(new double[] {0, 0, 2}, Tensors.toDoubles(hvp.applyFlat(Tensors.doubles(new double[] {1, 1, 1}, 3))), 0);
        }
    }

    private static double[] gradientAt(java.util.function.Supplier<Tensor> loss, List<Tensor> leaves, List<Tensor> v,
            double h) {
        try (NoGrad g = NoGrad.enter()) {
            for (int i = 0; i < leaves.size(); i++) {
                leaves.get(i).add_(v.get(i), Tensors.s(h));
            }
        }
        double[] grad = Tensors.toDoubles(Hvp.flatten(Hvp.of(loss.get(), leaves).gradient()));
        try (NoGrad g = NoGrad.enter()) {
            for (int i = 0; i < leaves.size(); i++) {
                leaves.get(i).sub_(v.get(i), Tensors.s(h));
            }
        }
        return grad;
    }
}
