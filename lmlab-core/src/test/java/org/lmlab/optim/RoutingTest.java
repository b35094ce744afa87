package org.lmlab.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lmlab.nn.Parameter;
import org.lmlab.tensor.Tensors;
import org.lmlab.tensor.Torch;

/**
 * Muon and Scion route by role: only hidden matrices are orthogonalized; embeddings and the head (matrices of
 * another role), gains and biases go to the companion at lr·ratio, with weight decay only where AdamW decays.
 */
class RoutingTest {
    private static final double LR = 0.1;
    private static final double RATIO = 0.2;
    private static final double WD = 0.1;

    @BeforeAll
    static void init() {
        Torch.init();
    }

    @Test
    void muonSendsEverythingButHiddenMatricesToAdamW() {
        TestModules.Bag m = TestModules.everyRole(1);
        TestModules.Bag twin = TestModules.everyRole(1);
        Map<String, Tensor> g = TestModules.gradients(m, 2);
        Map<String, double[]> before = TestModules.values(m);
        Muon muon = new Muon(m.namedParameters(), LR, 0.95, 5, RATIO, 0.9, 0.95, 1e-8, WD, 0);
        Map<String, Parameter> rest = new LinkedHashMap<>(twin.namedParameters());
        rest.remove("hidden");
        AdamW companion = new AdamW(rest, LR * RATIO, 0.9, 0.95, 1e-8, WD, 0);
        for (int step = 0; step < 2; step++) {
            muon.step(TestModules.closure(m, g));
            companion.step(TestModules.closure(twin, g));
        }
        for (String name : rest.keySet()) {
            assertArrayEquals(Tensors.toDoubles(twin.namedParameters().get(name).tensor()),
                    Tensors.toDoubles(m.namedParameters().get(name).tensor()), 0, name + " follows AdamW at lr·ratio");
        }
        assertEquals(Set.of("hidden.momentum_buffer", "embed.exp_avg", "embed.exp_avg_sq", "head.exp_avg",
                "head.exp_avg_sq", "gain.exp_avg", "gain.exp_avg_sq", "bias.exp_avg", "bias.exp_avg_sq"),
                muon.exportState().keySet());
        // Hidden matrix, two steps of Nesterov momentum on a constant gradient: u₁ = (1+μ)g, u₂ = (1+μ+μ²)g, each
        // orthogonalized and scaled by √max(1, 4/3).
        Tensor theta = Tensors.doubles(before.get("hidden"), 4, 3);
        for (double factor : new double[] {1.95, 1 + 0.95 + 0.95 * 0.95}) {
            Tensor u = NewtonSchulz.orthogonalize(g.get("hidden").mul(Tensors.s(factor)), 5);
            theta = theta.mul(Tensors.s(1 - LR * WD)).sub(u.mul(Tensors.s(Math.sqrt(4.0 / 3))), Tensors.s(LR));
        }
        assertArrayEquals(Tensors.toDoubles(theta), Tensors.toDoubles(m.namedParameters().get("hidden").tensor()), 1e-12);
    }

    @Test
    void scionSendsEverythingButHiddenMatricesToSignum() {
        TestModules.Bag m = TestModules.everyRole(3);
        Map<String, Tensor> g = TestModules.gradients(m, 4);
        Map<String, double[]> before = TestModules.values(m);
        Scion scion = new Scion(m.namedParameters(), LR, 0.95, 10, RATIO, 0.9, WD, 0);
        scion.step(TestModules.closure(m, g));
        for (String name : new String[] {"embed", "head", "gain", "bias"}) {
            // Signum's first step: sign((1−β)g) = sign(g), at lr·ratio; only the head decays.
            double decay = name.equals("head") ? 1 - LR * RATIO * WD : 1;
            double[] grad = Tensors.toDoubles(g.get(name));
            double[] expected = before.get(name).clone();
            for (int i = 0; i < expected.length; i++) {
                expected[i] = expected[i] * decay - LR * RATIO * Math.signum(grad[i]);
            }
            assertArrayEquals(expected, Tensors.toDoubles(m.namedParameters().get(name).tensor()), 1e-15, name);
        }
        assertTrue(scion.exportState().containsKey("hidden.momentum_buffer"));
        assertTrue(scion.exportState().containsKey("embed.momentum_buffer"));
        assertFalse(scion.exportState().containsKey("embed.exp_avg"));
    }
}
