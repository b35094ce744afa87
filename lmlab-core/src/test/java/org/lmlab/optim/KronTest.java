package org.lmlab.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lmlab.nn.Role;
import org.lmlab.tensor.Rng;
import org.lmlab.tensor.Tensors;
import org.lmlab.tensor.Torch;

class KronTest {
    @BeforeAll
    static void init() {
        Torch.init();
    }

    /** A closure with a moving gradient: L = Σ_p Σ (θ_p − T_p)² ⊙ W_p for fixed random T, W. */
    private static LossClosure quadratic(TestModules.Bag m, Map<String, Tensor> target, Map<String, Tensor> weight) {
        return () -> {
            Tensor loss = null;
            for (var e : m.namedParameters().entrySet()) {
                Tensor d = e.getValue().tensor().sub(target.get(e.getKey()));
                Tensor term = d.mul(d).mul(weight.get(e.getKey()).abs()).sum();
                loss = loss == null ? term : loss.add(term);
            }
            loss.backward();
            return loss;
        };
    }

    @Test
    void factorsStayTriangularAndPositiveDefiniteOverManySteps() {
        Rng.seed(11);
        TestModules.Bag m = new TestModules.Bag().add("w", Role.MATRIX, 6, 4).add("head", Role.HEAD, 5, 4)
                .add("gain", Role.GAIN, 4);
        LossClosure closure = quadratic(m, TestModules.gradients(m, 12), TestModules.gradients(m, 13));
        // Every step fits the preconditioner (flat for 500 steps); step 100's fit rebalances first.
        Kron kron = new Kron(m.namedParameters(), 0.01, 0.9, 0.1, 0.05, 500, 0.1, 1.0, 7);
        for (int step = 1; step <= 150; step++) {
            kron.step(closure);
            if (step % 10 == 0) {
                Map<String, Tensor> s = kron.exportState();
                for (String name : new String[] {"w.q_left", "w.q_right", "head.q_left", "head.q_right"}) {
                    Tensor q = s.get(name);
                    assertEquals(0.0, Tensors.item(torch.tril(q, -1).abs().sum()), 0, name + " at step " + step);
                    double[] eig = Tensors.toDoubles(torch.linalg_eigvalsh(q.t().mm(q)));
                    assertTrue(Arrays.stream(eig).allMatch(x -> x > 1e-10 && Double.isFinite(x)),
                            name + " QᵀQ at step " + step + ": " + Arrays.toString(eig));
                }
                assertTrue(Arrays.stream(Tensors.toDoubles(s.get("gain.q_left"))).allMatch(x -> x != 0),
                        "diagonal factor invertible");
            }
        }
        assertFalse(Arrays.equals(Tensors.toDoubles(torch.eye(6, Tensors.options(torch.ScalarType.Double))),
                Tensors.toDoubles(kron.exportState().get("w.q_left"))), "the factor was fitted");
    }

    @Test
    void updateProbabilityIsFlatThenAnnealsToItsFloor() {
        assertEquals(1.0, Kron.updateProbability(1, 0.05, 500), 0);
        assertEquals(1.0, Kron.updateProbability(500, 0.05, 500), 0);
        assertEquals(Math.exp(-0.1), Kron.updateProbability(600, 0.05, 500), 1e-15);
        assertEquals(0.05, Kron.updateProbability(4000, 0.05, 500), 0);
    }

    /** With no flat start p(1) = e^{−0.001} < 1, so the counter reaches 1/p only at step 2, as in the reference. */
    @Test
    void theCounterDecidesWhenTheFactorsMove() {
        AdamWTest.One m = new AdamWTest.One(Role.MATRIX);
        Kron kron = new Kron(m.namedParameters(), 0.01, 0.9, 0.1, 0.05, 0, 0, 0, 0);
        kron.step(AdamWTest.gradient(m, new double[] {0.1, -0.2, 0.3, 0.4}));
        assertEquals(1, kron.exportState().get("kron.update_counter").item_long());
        assertArrayEquals(new double[] {1, 0, 0, 1}, Tensors.toDoubles(kron.exportState().get("w.q_left")), 0);
        kron.step(AdamWTest.gradient(m, new double[] {0.1, -0.2, 0.3, 0.4}));
        assertEquals(0, kron.exportState().get("kron.update_counter").item_long());
        assertEquals(1, kron.exportState().get("kron.balance_counter").item_long());
        assertFalse(Arrays.equals(new double[] {1, 0, 0, 1}, Tensors.toDoubles(kron.exportState().get("w.q_left"))));
    }

    /**
     * An independent float64 reference for the first step on the brief's W0, G1, in plain Java: m̂ = G1,
     * G = G1 + √ε·mean|G1|·V, A = G (Q = I), C = V, each Q ← I − η/‖T₁+T₂‖·triu(T₁ − T₂), then
     * u = Q_LᵀQ_L G1 Q_RᵀQ_R, clipped to block RMS 1.1, θ ← θ − lr·(u + wd·θ).
     */
    @Test
    void firstStepMatchesAHandComputation() {
        AdamWTest.One m = new AdamWTest.One(Role.MATRIX);
        double[] g = {0.1, -0.2, 0.3, 0.4};
        double lr = 0.01;
        double eta = 0.1;
        double wd = 0.1;
        Kron kron = new Kron(m.namedParameters(), lr, 0.9, eta, 0.05, 500, wd, 0, 42);
        kron.step(AdamWTest.gradient(m, g));
        double[] v = Tensors.toDoubles(SeededNoise.gaussian(42, 1, 0, Tensors.doubles(g, 2, 2)));
        double meanAbs = (0.1 + 0.2 + 0.3 + 0.4) / 4;
        double damping = Math.sqrt(Math.ulp(1.0f));
        double[] a = new double[4];
        for (int i = 0; i < 4; i++) {
            a[i] = g[i] + damping * meanAbs * v[i];
        }
        double[] ql = fitFromIdentity(mul(a, t(a)), mul(v, t(v)), eta);
        double[] qr = fitFromIdentity(mul(t(a), a), mul(t(v), v), eta);
        double[] u = mul(mul(mul(t(ql), ql), g), mul(t(qr), qr));
        double rms = Math.sqrt(Arrays.stream(u).map(x -> x * x).sum() / 4);
        double[] w0 = {1, -2, 0.5, 3};
        double[] expected = new double[4];
        for (int i = 0; i < 4; i++) {
            expected[i] = w0[i] - lr * (u[i] / Math.max(1, rms / 1.1) + wd * w0[i]);
        }
        assertArrayEquals(expected, Tensors.toDoubles(m.w.tensor()), 1e-13);
    }

    /** I − η/(‖t1 + t2‖_lb + tiny)·triu(t1 − t2), with the reference's lower bound on the spectral norm. */
    private static double[] fitFromIdentity(double[] t1, double[] t2, double eta) {
        double[] sum = new double[4];
        double[] diff = new double[4];
        for (int i = 0; i < 4; i++) {
            sum[i] = t1[i] + t2[i];
            diff[i] = t1[i] - t2[i];
        }
        double maxAbs = Arrays.stream(sum).map(Math::abs).max().orElseThrow();
        double[] s = Arrays.stream(sum).map(x -> x / maxAbs).toArray();
        int col = s[0] * s[0] + s[2] * s[2] >= s[1] * s[1] + s[3] * s[3] ? 0 : 1;
        double[] x = {s[col] * s[0] + s[2 + col] * s[2], s[col] * s[1] + s[2 + col] * s[3]};
        double nx = Math.hypot(x[0], x[1]);
        double y0 = (x[0] * s[0] + x[1] * s[1]) / nx;
        double y1 = (x[0] * s[2] + x[1] * s[3]) / nx;
        double bound = maxAbs * Math.hypot(y0, y1);
        double step = eta / (bound + Float.MIN_NORMAL);
        return new double[] {1 - step * diff[0], -step * diff[1], 0, 1 - step * diff[3]};
    }

    private static double[] mul(double[] p, double[] q) {
        return new double[] {p[0] * q[0] + p[1] * q[2], p[0] * q[1] + p[1] * q[3],
            p[2] * q[0] + p[3] * q[2], p[2] * q[1] + p[3] * q[3]};
    }

    private static double[] t(double[] p) {
        return new double[] {p[0], p[2], p[1], p[3]};
    }
}
