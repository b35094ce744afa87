package org.lmlab.repro.samsharpness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lmlab.probe.hessian.ExactHessian;
import org.lmlab.probe.hessian.HessianOperator;
import org.lmlab.tensor.Torch;

class ToyValleyTest {
    @BeforeAll
    static void init() {
        Torch.init();
    }

    /** On the valley floor (0, 0, y) the Hessian of L = (L₁+L₂)/2 is diag(a(y), b(y), 0). */
    @Test
    void hessianOnTheValleyFloor() {
        for (double y : new double[] {-1, 1.0 / 3, 1}) {
            try (PointerScope s = new PointerScope()) {
                ToyValley toy = new ToyValley(0, 0, y);
                ExactHessian h = ExactHessian.of(HessianOperator.of(List.of(toy.theta), List.of(toy::loss)));
                double a = 4 + (y - 1) * (y - 1);
                double b = 0.5 + 0.5 * (y + 1) * (y + 1);
                assertArrayEquals(new double[] {a, 0, 0, 0, b, 0, 0, 0, 0},
                        org.lmlab.tensor.Tensors.toDoubles(h.matrix()), 1e-12);
                assertEquals(a + b, h.trace(), 1e-12);
            }
        }
    }
}
