package org.lmlab.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Map;
import java.util.function.Function;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lmlab.nn.Parameter;
import org.lmlab.nn.Role;
import org.lmlab.tensor.Tensors;
import org.lmlab.tensor.Torch;

/**
 * The brief's two-step reference (numpy, float64; optimizers-and-theory.md): W0 = [[1,−2],[0.5,3]],
 * G1 = [[0.1,−0.2],[0.3,0.4]], G2 = [[−0.05,0.1],[0.2,−0.3]], lr 0.01, wd 0.1, ε 1e-8, no clipping, each optimizer
 * at the reference implementation's default hyperparameters (Levanter's): NAdamW and Adam-mini β 0.9/0.95, Lion
 * 0.9/0.95, Cautious 0.95/0.95, Mars 0.95/0.99 with γ 0.025, Muon μ 0.95 (Nesterov, 5 steps), Scion μ 0.95
 * (10 steps), Soap β 0.95/0.95 with β_s 0.95. The single 2×2 parameter is a hidden matrix, so Muon and Scion
 * orthogonalize it. Our conventions match the reference's here, so the values are asserted as published.
 */
class ReferenceStepsTest {
    private static final double[] G1 = {0.1, -0.2, 0.3, 0.4};
    private static final double[] G2 = {-0.05, 0.1, 0.2, -0.3};

    @BeforeAll
    static void init() {
        Torch.init();
    }

    private static double[] twoSteps(Function<Map<String, Parameter>, Optimizer> build) {
        AdamWTest.One m = new AdamWTest.One(Role.MATRIX);
        Optimizer opt = build.apply(m.namedParameters());
        opt.step(AdamWTest.gradient(m, G1));
        opt.step(AdamWTest.gradient(m, G2));
        return Tensors.toDoubles(m.w.tensor());
    }

    @Test
    void nadamw() {
        assertArrayEquals(new double[] {0.984940, -1.982941, 0.473976, 2.983197},
                twoSteps(p -> new NAdamW(p, 0.01, 0.9, 0.95, 1e-8, 0.1, 0)), 1e-6);
    }

    @Test
    void lion() {
        assertArrayEquals(new double[] {0.998011, -1.996012, 0.479011, 2.994013},
                twoSteps(p -> new Lion(p, 0.01, 0.9, 0.95, 0.1, 0)), 1e-6);
    }

    @Test
    void cautious() {
        assertArrayEquals(new double[] {0.988011, -1.986012, 0.449795, 2.984013},
                twoSteps(p -> new Cautious(p, 0.01, 0.95, 0.95, 1e-8, 0.1, 0)), 1e-6);
    }

    @Test
    void mars() {
        assertArrayEquals(new double[] {0.987294, -1.985295, 0.480116, 2.984617},
                twoSteps(p -> new Mars(p, 0.01, 0.95, 0.99, 1e-8, 0.025, 0.1, 1.0)), 1e-6);
    }

    @Test
    void adamMiniWithOneSecondMomentPerRow() {
        assertArrayEquals(new double[] {0.989985, -1.979971, 0.482465, 2.981672},
                twoSteps(p -> new AdamMini(p, 0.01, 0.9, 0.95, 1e-8, 0.1, 0)), 1e-6);
    }

    @Test
    void muon() {
        assertArrayEquals(new double[] {0.987477, -1.997290, 0.486499, 2.991255},
                twoSteps(p -> new Muon(p, 0.01, 0.95, 5, 0.2, 0.9, 0.95, 1e-8, 0.1, 0)), 1e-6);
    }

    @Test
    void scion() {
        assertArrayEquals(new double[] {0.991638, -1.981902, 0.481719, 2.983968},
                twoSteps(p -> new Scion(p, 0.01, 0.95, 10, 0.2, 0.9, 0.1, 0)), 1e-6);
    }

    @Test
    void soapWithoutMergingOrBlocking() {
        assertArrayEquals(new double[] {1.000800, -2.007859, 0.497271, 3.001331},
                twoSteps(p -> new Soap(p, 0.01, 0.95, 0.95, 0.95, 1e-8, 10, 0.1, 0)), 1e-6);
    }

    @Test
    void newtonSchulzOfTheFirstGradient() {
        Tensor ns = NewtonSchulz.orthogonalize(Tensors.doubles(G1, 2, 2), 5);
        assertArrayEquals(new double[] {0.788575, -0.687614, 0.586653, 0.485693}, Tensors.toDoubles(ns), 1e-6);
    }
}
