package org.lmlab.repro.sharpgen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lmlab.probe.hessian.ExactHessian;
import org.lmlab.probe.hessian.HessianOperator;
import org.lmlab.tensor.Rng;
import org.lmlab.tensor.Torch;

class TraceTest {
    @BeforeAll
    static void init() {
        Torch.init();
    }

    /** The closed-form trace is the exact Hessian trace, at a random (non-interpolating) point, with and without bias. */
    @Test
    void closedFormTraceIsTheExactTrace() {
        for (boolean bias : new boolean[] {true, false}) {
            try (PointerScope s = new PointerScope()) {
                ProductTask task = new ProductTask(6, 20, 10, 1);
                Rng.seed(2);
                TwoLayerRelu net = new TwoLayerRelu(6, 16, bias, 1.0);
                double exact = ExactHessian.of(HessianOperator.of(net.parameters(),
                        List.of(() -> net.loss(task.trainX, task.trainY)))).trace();
                assertEquals(exact, net.gaussNewtonTrace(task.trainX), 1e-12 * exact, "bias " + bias);
            }
        }
    }

    /** The memorizer interpolates, answers 0 off the training set and has trace exactly 2√(d+1). */
    @Test
    void memorizerIsFlattestAndUseless() {
        try (PointerScope s = new PointerScope()) {
            ProductTask task = new ProductTask(8, 30, 100, 3);
            TwoLayerRelu net = new TwoLayerRelu(8, 40, true, 1.0);
            Memorizer.build(net, task);
            assertEquals(0, net.mse(task.trainX, task.trainY), 1e-24);
            assertEquals(1, net.mse(task.testX, task.testY), 0);
            assertEquals(2 * Math.sqrt(9), net.gaussNewtonTrace(task.trainX), 1e-12);
            double exact = ExactHessian.of(HessianOperator.of(net.parameters(),
                    List.of(() -> net.loss(task.trainX, task.trainY)))).trace();
            assertEquals(6, exact, 1e-9);
        }
    }
}
