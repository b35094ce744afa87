package org.lmlab.probe.hessian;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Supplier;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lmlab.nn.Module;
import org.lmlab.nn.Parameter;
import org.lmlab.nn.Role;
import org.lmlab.tensor.Rng;
import org.lmlab.tensor.Tensors;
import org.lmlab.tensor.Torch;

/** Estimators against exact spectra: known matrices, and the exact Hessian of a tiny float64 network. */
class HessianProbesTest {
    @BeforeAll
    static void init() {
        Torch.init();
    }

    private static final double[] SPECTRUM = {9, 5, 4.5, 2, 1, 0.5, -0.3, 0};

    /** A = Q diag(SPECTRUM) Qᵀ with a seeded random orthogonal Q, float64. */
    private static Tensor knownMatrix() {
        Rng.seed(11);
        Tensor g = torch.randn(new long[] {8, 8}, Tensors.options(torch.ScalarType.Double));
        Tensor q = torch.linalg_qr(g).get0().clone();
        return q.matmul(torch.diag(Tensors.doubles(SPECTRUM, 8))).matmul(q.t());
    }

    @Test
    void powerIterationAndLanczosFindTheKnownSpectrum() {
        try (PointerScope scope = new PointerScope()) {
            SymmetricOperator a = SymmetricOperator.ofMatrix(knownMatrix());
            EigenPairs power = PowerIteration.top(a, 500, 1e-12, 1);
            assertEquals(9, power.top(), 1e-8);
            EigenPairs lanczos = Lanczos.top(a, 3, 8, 2);
            assertArrayEquals(new double[] {9, 5, 4.5}, lanczos.values(), 1e-9);
            for (int i = 0; i < 3; i++) {
                Tensor v = lanczos.vector(i);
                double residual = a.apply(v).sub(v.mul(Tensors.s(lanczos.values()[i]))).norm().item_double();
                assertTrue(residual < 1e-8, "Ritz vector " + i + " residual " + residual);
            }
            assertEquals(1, GradientAlignment.cosine(power.vector(0), lanczos.vector(0)), 1e-8);
        }
    }

    @Test
    void hutchinsonIsExactOnDiagonalsAndUnbiased() {
        try (PointerScope scope = new PointerScope()) {
            SymmetricOperator diag = SymmetricOperator.ofMatrix(torch.diag(Tensors.doubles(SPECTRUM, 8)));
            Hutchinson h = Hutchinson.estimate(diag, 3, 5);
            assertEquals(21.7, h.trace(), 1e-12, "zᵀDz = Tr D for every Rademacher z");
            assertEquals(0, h.stdError(), 1e-12);
            Hutchinson dense = Hutchinson.estimate(SymmetricOperator.ofMatrix(knownMatrix()), 4000, 6);
            assertTrue(Math.abs(dense.trace() - 21.7) < 4 * dense.stdError(),
                    "estimate " + dense.trace() + " ± " + dense.stdError() + " vs 21.7");
        }
    }

    /** A 3-4-1 tanh network on 10 points, float64: D = 12 + 4 + 4 + 1 = 21. */
    static final class Tiny extends Module {
        final Parameter w1 = parameter("w1", Tensors.doubles(seq(12, 0.37), 4, 3), Role.MATRIX);
        final Parameter b1 = parameter("b1", Tensors.doubles(seq(4, 0.11), 4), Role.BIAS);
        final Parameter w2 = parameter("w2", Tensors.doubles(seq(4, -0.53), 1, 4), Role.MATRIX);
        final Parameter b2 = parameter("b2", Tensors.doubles(new double[] {0.05}, 1), Role.BIAS);
        final Tensor x = Tensors.doubles(seq(30, 0.71), 10, 3);
        final Tensor y = Tensors.doubles(seq(10, 1.3), 10, 1);

        Tensor loss() {
            Tensor h = torch.linear(x, w1.tensor(), new org.bytedeco.pytorch.TensorOptional(b1.tensor())).tanh();
            Tensor out = torch.linear(h, w2.tensor(), new org.bytedeco.pytorch.TensorOptional(b2.tensor()));
            return out.sub(y).pow(Tensors.s(2.0)).mean();
        }

        private static double[] seq(int n, double phase) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = Math.sin(1.7 * i + phase);
            }
            return v;
        }
    }

    @Test
    void estimatorsAgreeWithTheExactHessianOfATinyNetwork() {
        try (PointerScope scope = new PointerScope()) {
            Tiny m = new Tiny();
            HessianOperator h = HessianOperator.of(m.parameters(), List.of(m::loss));
            assertEquals(21, h.dim());
            ExactHessian exact = ExactHessian.of(h);
            EigenPairs all = exact.eigen();
            EigenPairs lanczos = Lanczos.top(h, 3, 21, 3);
            assertArrayEquals(java.util.Arrays.copyOf(all.values(), 3), lanczos.values(), 1e-9);
            assertEquals(all.top(), PowerIteration.top(h, 2000, 1e-13, 4).top(), 1e-6 * Math.abs(all.top()));
            Hutchinson tr = Hutchinson.estimate(h, 3000, 5);
            assertTrue(Math.abs(tr.trace() - exact.trace()) < 4 * tr.stdError(),
                    "Hutchinson " + tr.trace() + " ± " + tr.stdError() + " vs exact " + exact.trace());
            // The exact Hessian is the Hessian: compare a column with central differences of the gradient.
            assertColumnMatchesFiniteDifferences(m, exact.matrix(), 7);
        }
    }

    /** The same Hessian from two half-batches averaged equals the Hessian of the mean loss. */
    @Test
    void batchAveragedOperatorIsTheHessianOfTheMeanLoss() {
        try (PointerScope scope = new PointerScope()) {
            Tiny m = new Tiny();
            Tensor full = ExactHessian.of(HessianOperator.of(m.parameters(), List.of(m::loss))).matrix();
            Tensor x = m.x;
            Tensor y = m.y;
            Supplier<Tensor> first = () -> half(m, x, y, 0);
            Supplier<Tensor> second = () -> half(m, x, y, 5);
            Tensor avg = ExactHessian.of(HessianOperator.of(m.parameters(), List.of(first, second))).matrix();
            assertTrue(full.sub(avg).abs().max().item_double() < 1e-12);
        }
    }

    private static Tensor half(Tiny m, Tensor x, Tensor y, long from) {
        Tensor xs = Tensors.slice(x, 0, from, from + 5);
        Tensor ys = Tensors.slice(y, 0, from, from + 5);
        Tensor h = torch.linear(xs, m.w1.tensor(), new org.bytedeco.pytorch.TensorOptional(m.b1.tensor())).tanh();
        Tensor out = torch.linear(h, m.w2.tensor(), new org.bytedeco.pytorch.TensorOptional(m.b2.tensor()));
        return out.sub(ys).pow(Tensors.s(2.0)).mean();
    }

    private static void assertColumnMatchesFiniteDifferences(Tiny m, Tensor hessian, int col) {
        double eps = 1e-5;
        HessianOperator at = HessianOperator.of(m.parameters(), List.of(m::loss));
        Tensor e = torch.zeros(new long[] {at.dim()}, Tensors.options(torch.ScalarType.Double));
        e.select(0, col).fill_(Tensors.s(eps));
        double[] up = shiftedGradient(m, at, e);
        double[] down = shiftedGradient(m, at, e.neg());
        double[] column = Tensors.toDoubles(hessian.select(1, col));
        for (int i = 0; i < column.length; i++) {
            assertEquals((up[i] - down[i]) / (2 * eps), column[i], 1e-6, "H[" + i + "," + col + "]");
        }
    }

    private static double[] shiftedGradient(Tiny m, HessianOperator shape, Tensor delta) {
        List<Tensor> parts = shape.unflatten(delta);
        List<Parameter> ps = m.parameters();
        try (var g = org.lmlab.tensor.NoGrad.enter()) {
            for (int i = 0; i < ps.size(); i++) {
                ps.get(i).tensor().add_(parts.get(i));
            }
        }
        double[] grad = Tensors.toDoubles(HessianOperator.of(ps, List.of(m::loss)).gradient());
        try (var g = org.lmlab.tensor.NoGrad.enter()) {
            for (int i = 0; i < ps.size(); i++) {
                ps.get(i).tensor().sub_(parts.get(i));
            }
        }
        return grad;
    }

    /** L = ½ θᵀAθ: the three sharpness notions in closed form. */
    @Test
    void sharpnessNotionsOnAQuadratic() {
        try (PointerScope scope = new PointerScope()) {
            double[] diag = {4, 1, 0.5, 0.25, 0};
            Tensor a = torch.diag(Tensors.doubles(diag, 5));
            final class Quad extends Module {
                final Parameter theta = parameter("theta", Tensors.doubles(new double[] {0, 0, 0, 0, 0}, 5), Role.MATRIX);
            }
            Quad q = new Quad();
            Supplier<Tensor> loss = () -> q.theta.tensor().dot(a.mv(q.theta.tensor())).mul(Tensors.s(0.5));
            Sharpness s = new Sharpness(q.parameters(), loss);
            double rho = 0.1;
            assertEquals(rho * rho / 2 * 4, s.worst(rho, 200, 1), 1e-9, "worst-direction = ρ²/2 λ_max at the minimum");
            assertEquals(0, s.ascent(rho), 0, "no gradient, no ascent direction");
            double avg = s.average(rho, 20000, 2);
            double expected = rho * rho / (2 * 5) * 5.75;
            assertEquals(expected, avg, 0.03 * expected, "average-direction = ρ²/(2D) Tr A");
            // Away from the minimum: R^Asc = ρ‖g‖ + ρ²/2 ĝᵀAĝ with g = Aθ.
            double[] theta = {0.3, -0.2, 0.1, 1, 2};
            q.theta.tensor().detach().copy_(Tensors.doubles(theta, 5));
            double[] g = new double[5];
            double norm = 0;
            for (int i = 0; i < 5; i++) {
                g[i] = diag[i] * theta[i];
                norm += g[i] * g[i];
            }
            norm = Math.sqrt(norm);
            double quad = 0;
            for (int i = 0; i < 5; i++) {
                quad += diag[i] * g[i] * g[i] / (norm * norm);
            }
            assertEquals(rho * norm + rho * rho / 2 * quad, s.ascent(rho), 1e-12);
            assertArrayEquals(theta, Tensors.toDoubles(q.theta.tensor()), 0, "parameters restored");
        }
    }
}
