package org.lmlab.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lmlab.nn.Module;
import org.lmlab.nn.Parameter;
import org.lmlab.nn.Role;
import org.lmlab.tensor.Tensors;
import org.lmlab.tensor.Torch;

/** SAM, USAM and 1-SAM against updates computed by hand in plain doubles. */
class SamTest {
    @BeforeAll
    static void init() {
        Torch.init();
    }

    /** θ ∈ R², float64. */
    static final class Two extends Module {
        final Parameter theta;

        Two(double a, double b) {
            theta = parameter("theta", Tensors.doubles(new double[] {a, b}, 2), Role.MATRIX);
        }

        double[] values() {
            return Tensors.toDoubles(theta.tensor());
        }
    }

    /** L(θ) = θ₁² + 4 θ₂² = ½ θᵀ diag(2, 8) θ, ∇L = (2θ₁, 8θ₂). */
    private static LossClosure quadratic(Two m) {
        return () -> {
            Tensor t = m.theta.tensor();
            Tensor loss = t.mul(t).mul(Tensors.doubles(new double[] {1, 4}, 2)).sum();
            loss.backward();
            return loss;
        };
    }

    private static double[] grad(double[] x) {
        return new double[] {2 * x[0], 8 * x[1]};
    }

    @Test
    void samStepOnAQuadratic() {
        double eta = 0.1;
        double rho = 0.1;
        Two m = new Two(1, 1);
        Optimizer sam = new Sam(new Sgd(m.namedParameters(), eta, 0, 0), Sam.Variant.SAM, rho);
        double loss = sam.step(quadratic(m)).item_double();
        double[] g = grad(new double[] {1, 1});
        double norm = Math.hypot(g[0], g[1]);
        double[] ascent = {1 + rho * g[0] / norm, 1 + rho * g[1] / norm};
        double[] gs = grad(ascent);
        assertEquals(5.0, loss, 0, "reported loss is at θ, not at the ascent point");
        assertArrayEquals(new double[] {1 - eta * gs[0], 1 - eta * gs[1]}, m.values(), 1e-15);
        assertEquals(Math.hypot(gs[0], gs[1]), sam.lastGradNorm(), 1e-12, "the clipped/checked gradient is ∇L(θ+ε)");
    }

    @Test
    void usamStepUsesTheRawGradient() {
        Two m = new Two(1, 1);
        Optimizer usam = new Sam(new Sgd(m.namedParameters(), 0.1, 0, 0), Sam.Variant.USAM, 0.1);
        usam.step(quadratic(m));
        double[] gs = grad(new double[] {1 + 0.1 * 2, 1 + 0.1 * 8});
        assertArrayEquals(new double[] {1 - 0.1 * gs[0], 1 - 0.1 * gs[1]}, m.values(), 1e-15);
    }

    /** Two SAM+AdamW steps against Adam's formulas applied by hand to the two ascent-point gradients. */
    @Test
    void composesWithAdamW() {
        double lr = 0.01;
        double b1 = 0.9;
        double b2 = 0.95;
        double eps = 1e-8;
        double wd = 0.1;
        double rho = 0.05;
        Two m = new Two(1, -0.5);
        Optimizer opt = new Sam(new AdamW(m.namedParameters(), lr, b1, b2, eps, wd, 0), Sam.Variant.SAM, rho);
        double[] x = {1, -0.5};
        double[] mom = new double[2];
        double[] vel = new double[2];
        for (int t = 1; t <= 2; t++) {
            opt.step(quadratic(m));
            double[] g = grad(x);
            double norm = Math.hypot(g[0], g[1]);
            double[] gs = grad(new double[] {x[0] + rho * g[0] / norm, x[1] + rho * g[1] / norm});
            for (int i = 0; i < 2; i++) {
                mom[i] = b1 * mom[i] + (1 - b1) * gs[i];
                vel[i] = b2 * vel[i] + (1 - b2) * gs[i] * gs[i];
                double u = (mom[i] / (1 - Math.pow(b1, t))) / (Math.sqrt(vel[i] / (1 - Math.pow(b2, t))) + eps);
                x[i] = x[i] * (1 - lr * wd) - lr * u;
            }
            assertArrayEquals(x, m.values(), 1e-12, "after step " + t);
        }
        assertEquals(2, opt.exportState().size(), "SAM's state is the base optimizer's (exp_avg, exp_avg_sq)");
    }

    /** L = (L₁ + L₂)/2 with L₁ = 3θ₁², L₂ = θ₂² + θ₁θ₂: one normalized ascent per sample, descent gradients averaged. */
    @Test
    void oneSamAscendsPerSample() {
        double eta = 0.2;
        double rho = 0.3;
        Two m = new Two(0.5, -1);
        LossClosure closure = LossClosure.perSample(2, () -> {
            Tensor l = sample(m, 0).add(sample(m, 1)).div(Tensors.s(2.0));
            l.backward();
            return l;
        }, i -> {
            Tensor l = sample(m, i);
            l.backward();
            return l;
        });
        Optimizer opt = new Sam(new Sgd(m.namedParameters(), eta, 0, 0), Sam.Variant.ONE_SAM, rho);
        double loss = opt.step(closure).item_double();
        double[] x = {0.5, -1};
        double[] sum = new double[2];
        for (int i = 0; i < 2; i++) {
            double[] g = sampleGrad(i, x);
            double norm = Math.hypot(g[0], g[1]);
            double[] gs = sampleGrad(i, new double[] {x[0] + rho * g[0] / norm, x[1] + rho * g[1] / norm});
            sum[0] += gs[0] / 2;
            sum[1] += gs[1] / 2;
        }
        assertEquals((3 * 0.25 + (1 - 0.5)) / 2, loss, 1e-15);
        assertArrayEquals(new double[] {x[0] - eta * sum[0], x[1] - eta * sum[1]}, m.values(), 1e-15);
    }

    private static Tensor sample(Two m, int i) {
        Tensor t = m.theta.tensor();
        Tensor a = t.select(0, 0);
        Tensor b = t.select(0, 1);
        return i == 0 ? a.mul(a).mul(Tensors.s(3.0)) : b.mul(b).add(a.mul(b));
    }

    private static double[] sampleGrad(int i, double[] x) {
        return i == 0 ? new double[] {6 * x[0], 0} : new double[] {x[1], 2 * x[1] + x[0]};
    }

    @Test
    void oneSamRefusesAClosureWithoutSamples() {
        Two m = new Two(1, 1);
        Optimizer opt = new Sam(new Sgd(m.namedParameters(), 0.1, 0, 0), Sam.Variant.ONE_SAM, 0.1);
        assertThrows(IllegalArgumentException.class, () -> opt.step(quadratic(m)));
    }

    /** With lr 0 the parameters come back bit for bit: the ascent point is undone by copy, not by subtraction. */
    @Test
    void parametersAreRestoredExactly() {
        Two m = new Two(0.1234567890123, -7.654321);
        double[] before = m.values();
        new Sam(new Sgd(m.namedParameters(), 0.0, 0, 0), Sam.Variant.SAM, 0.37).step(quadratic(m));
        assertArrayEquals(before, m.values(), 0);
    }

    @Test
    void configWrapsAnyKind() {
        Two m = new Two(1, 1);
        for (OptimConfig.Kind kind : OptimConfig.Kind.values()) {
            OptimConfig c = new OptimConfig(kind, 0.1, 0.9, 0.95, 1e-8, 0, 0, Schedule.Kind.CONSTANT, 0, 0.1, 0.2)
                    .withSam(OptimConfig.SamKind.USAM, 0.2);
            Sam s = assertInstanceOf(Sam.class, c.build(m.namedParameters()));
            assertEquals(Sam.Variant.USAM, s.variant());
            assertEquals(0.2, s.rho());
        }
        Map<String, Parameter> ps = m.namedParameters();
        assertInstanceOf(Sgd.class, new OptimConfig(OptimConfig.Kind.SGD, 0.1, 0.9, 0.95, 1e-8, 0, 0,
                Schedule.Kind.CONSTANT, 0, 0.1, 0.2).build(ps));
    }
}
