package org.lmlab.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

class AdamWTest {
    @BeforeAll
    static void init() {
        Torch.init();
    }

    /** One 2×2 parameter whose gradient is set directly by the closure. */
    static final class One extends Module {
        final Parameter w;

        One(Role role) {
            w = parameter("w", Tensors.doubles(new double[] {1, -2, 0.5, 3}, 2, 2), role);
        }
    }

    static LossClosure gradient(One m, double[] g) {
        return () -> {
            // L = Σ W ⊙ G has ∂L/∂W = G exactly.
            Tensor loss = m.w.tensor().mul(Tensors.doubles(g, 2, 2)).sum();
            loss.backward();
            return loss;
        };
    }

    /** The brief's numpy float64 reference (optimizers-and-theory.md): W after two AdamW steps. */
    @Test
    void twoStepsMatchTheReference() {
        One m = new One(Role.MATRIX);
        AdamW opt = new AdamW(m.namedParameters(), 0.01, 0.9, 0.95, 1e-8, 0.1, 0);
        opt.step(gradient(m, new double[] {0.1, -0.2, 0.3, 0.4}));
        opt.step(gradient(m, new double[] {-0.05, 0.1, 0.2, -0.3}));
        assertArrayEquals(new double[] {0.985327, -1.983328, 0.479260, 2.983117}, Tensors.toDoubles(m.w.tensor()), 1e-6);
    }

    @Test
    void noWeightDecayOnGainsBiasesEmbeddings() {
        for (Role role : new Role[] {Role.GAIN, Role.BIAS, Role.EMBEDDING}) {
            One m = new One(role);
            AdamW opt = new AdamW(m.namedParameters(), 0.01, 0.9, 0.95, 1e-8, 0.1, 0);
            opt.step(gradient(m, new double[] {0, 0, 0, 0}));
            assertArrayEquals(new double[] {1, -2, 0.5, 3}, Tensors.toDoubles(m.w.tensor()), 0, role.name());
        }
    }

    @Test
    void clippingScalesTheGlobalNorm() {
        One m = new One(Role.MATRIX);
        AdamW opt = new AdamW(m.namedParameters(), 0.01, 0.9, 0.95, 1e-8, 0, 0.5);
        opt.step(gradient(m, new double[] {3, 0, 0, 4}));
        assertEquals(5.0, opt.lastGradNorm(), 1e-12);
        // PyTorch's convention scales by c / (‖g‖ + 1e-6).
        assertEquals(0.5 * 5 / (5 + 1e-6), m.w.grad().norm().item_double(), 1e-12, "gradient clipped to norm 0.5");
    }

    @Test
    void nonFiniteLossStopsBeforeAnyUpdate() {
        One m = new One(Role.MATRIX);
        AdamW opt = new AdamW(m.namedParameters(), 0.01, 0.9, 0.95, 1e-8, 0.1, 0);
        assertThrows(NonFiniteException.class, () -> opt.step(gradient(m, new double[] {Double.NaN, 0, 0, 0})));
        assertArrayEquals(new double[] {1, -2, 0.5, 3}, Tensors.toDoubles(m.w.tensor()), 0);
        assertEquals(0, opt.steps());
    }

    @Test
    void exportedStateIsADeepCopy() {
        One m = new One(Role.MATRIX);
        AdamW opt = new AdamW(m.namedParameters(), 0.01, 0.9, 0.95, 1e-8, 0.1, 0);
        opt.step(gradient(m, new double[] {0.1, -0.2, 0.3, 0.4}));
        Map<String, Tensor> saved = opt.exportState();
        double[] before = Tensors.toDoubles(saved.get("w.exp_avg"));
        opt.step(gradient(m, new double[] {-0.05, 0.1, 0.2, -0.3}));
        assertArrayEquals(before, Tensors.toDoubles(saved.get("w.exp_avg")), 0, "later steps must not alter exports");
        One m2 = new One(Role.MATRIX);
        AdamW restored = new AdamW(m2.namedParameters(), 0.01, 0.9, 0.95, 1e-8, 0.1, 0);
        restored.importState(opt.exportState(), opt.steps());
        assertEquals(2, restored.steps());
        assertFalse(restored.exportState().get("w.exp_avg_sq").equal(new One(Role.MATRIX).w.tensor()));
        assertArrayEquals(Tensors.toDoubles(opt.exportState().get("w.exp_avg_sq")),
                Tensors.toDoubles(restored.exportState().get("w.exp_avg_sq")), 0);
    }

    @Test
    void schedules() {
        Schedule cos = Schedule.of(Schedule.Kind.COSINE, 10, 110, 0.1, 0);
        assertEquals(0.1, cos.factor(0), 1e-12);
        assertEquals(1.0, cos.factor(10), 1e-12);
        assertEquals(0.55, cos.factor(60), 1e-12);
        assertEquals(0.1, cos.factor(110), 1e-12);
        Schedule wsd = Schedule.of(Schedule.Kind.WARMUP_STABLE_DECAY, 0, 100, 0.0, 0.2);
        assertEquals(1.0, wsd.factor(79), 1e-12);
        assertEquals(0.95, wsd.factor(80), 1e-12);
        assertEquals(0.0, wsd.factor(99), 1e-12);
        assertEquals(0.5, Schedule.of(Schedule.Kind.LINEAR_WARMUP, 4, 100, 0, 0).factor(1), 1e-12);
        assertEquals(1.0, Schedule.of(Schedule.Kind.CONSTANT, 4, 100, 0, 0).factor(1), 1e-12);
    }
}
