package org.lmlab.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lmlab.nn.Role;
import org.lmlab.tensor.Tensors;
import org.lmlab.tensor.Torch;

class SoapTest {
    @BeforeAll
    static void init() {
        Torch.init();
    }

    /** Descending order of diag(qᵀ gg q), computed in plain Java. */
    private static int[] order(Tensor gg, Tensor q) {
        double[] est = Tensors.toDoubles(q.t().mm(gg).mm(q).diagonal());
        return IntStream.range(0, est.length).boxed().sorted(Comparator.comparingDouble(i -> -est[i]))
                .mapToInt(Integer::intValue).toArray();
    }

    private static Tensor index(int[] order) {
        return Tensors.longs(Arrays.stream(order).asLongStream().toArray(), order.length);
    }

    @Test
    void refreshSortsTheBasisAndPermutesTheSecondMomentAlike() {
        Tensor gg = Tensors.doubles(new double[] {1, 0, 0, 3}, 2, 2);
        Tensor q = torch.eye(2, Tensors.options(torch.ScalarType.Double));
        Tensor v = Tensors.doubles(new double[] {1, 2, 3, 4}, 2, 2);
        Soap.refresh(gg, q, v, 0);
        assertArrayEquals(new double[] {3, 4, 1, 2}, Tensors.toDoubles(v), 0, "rows follow the left basis");
        assertArrayEquals(new double[] {0, 1, 1, 0}, Tensors.toDoubles(q.abs()), 1e-15, "e₂ (eigenvalue 3) first");
        Soap.refresh(gg, torch.eye(2, Tensors.options(torch.ScalarType.Double)), v, 1);
        assertArrayEquals(new double[] {4, 3, 2, 1}, Tensors.toDoubles(v), 0, "columns follow the right basis");
    }

    /**
     * Inside training: the same two steps with f = 2 (refresh at step 2) and f = 3 (none yet) differ exactly by the
     * refresh, so the f = 3 state is the refresh's input — v must come out permuted along each side by the order
     * of the estimated eigenvalues, and Q_L must be the Q of QR(L · Q_L sorted).
     */
    @Test
    void eigenbasisResortPermutesVInTraining() {
        Map<String, Tensor> refreshed = twoSteps(2);
        Map<String, Tensor> before = twoSteps(3);
        int[] left = order(before.get("w.gg_left"), before.get("w.q_left"));
        int[] right = order(before.get("w.gg_right"), before.get("w.q_right"));
        assertNotEquals("[0, 1]", Arrays.toString(left), "the second gradient must reorder the left basis");
        Tensor expectedV = before.get("w.exp_avg_sq").index_select(0, index(left)).index_select(1, index(right));
        assertArrayEquals(Tensors.toDoubles(expectedV), Tensors.toDoubles(refreshed.get("w.exp_avg_sq")), 0);
        // Q_new R = L·Q_sorted with R upper triangular ⇔ Q_newᵀ L Q_sorted is upper triangular, Q_new orthogonal.
        Tensor sorted = before.get("w.gg_left").mm(before.get("w.q_left").index_select(1, index(left)));
        Tensor qNew = refreshed.get("w.q_left");
        double[] r = Tensors.toDoubles(qNew.t().mm(sorted));
        assertEquals(0, r[2], 1e-15, "lower triangle of R");
        assertArrayEquals(Tensors.toDoubles(torch.eye(2, Tensors.options(torch.ScalarType.Double))),
                Tensors.toDoubles(qNew.t().mm(qNew)), 1e-14);
    }

    private static Map<String, Tensor> twoSteps(int frequency) {
        AdamWTest.One m = new AdamWTest.One(Role.MATRIX);
        Soap soap = new Soap(m.namedParameters(), 0.01, 0.95, 0.95, 0.95, 1e-8, frequency, 0.1, 0);
        // Step 1's statistics are dominated by the first row, step 2's by the second: the order of L flips.
        soap.step(AdamWTest.gradient(m, new double[] {1, 0.2, 0.1, 0.1}));
        soap.step(AdamWTest.gradient(m, new double[] {0.1, 0.3, 5, -4}));
        return soap.exportState();
    }

    @Test
    void theFirstStepOnlyInitializesTheEigenbasis() {
        AdamWTest.One m = new AdamWTest.One(Role.MATRIX);
        Soap soap = new Soap(m.namedParameters(), 0.01, 0.95, 0.95, 0.95, 1e-8, 10, 0.1, 0);
        soap.step(AdamWTest.gradient(m, new double[] {0.1, -0.2, 0.3, 0.4}));
        assertArrayEquals(new double[] {0.999, -1.998, 0.4995, 2.997}, Tensors.toDoubles(m.w.tensor()), 1e-15,
                "only weight decay moved θ");
        Map<String, Tensor> s = soap.exportState();
        assertArrayEquals(new double[4], Tensors.toDoubles(s.get("w.exp_avg")), 0);
        for (String side : List.of("left", "right")) {
            Tensor gg = s.get("w.gg_" + side);
            Tensor q = s.get("w.q_" + side);
            double[] lambda = Tensors.toDoubles(q.t().mm(gg).mm(q).diagonal());
            assertEquals(true, lambda[0] >= lambda[1], side + ": eigenvalues descending " + Arrays.toString(lambda));
            assertArrayEquals(Tensors.toDoubles(gg.mm(q)), Tensors.toDoubles(q.mul(Tensors.doubles(lambda, 1, 2))), 1e-15,
                    side + ": columns are eigenvectors");
        }
    }

    /** A parameter with no gradient at step 1 still gets a basis (from a zero gradient), so it trains later. */
    @Test
    void aParameterWithoutAFirstGradientStillGetsABasis() {
        TestModules.Bag m = new TestModules.Bag().add("used", Role.MATRIX, 2, 2).add("late", Role.MATRIX, 2, 2);
        Soap soap = new Soap(m.namedParameters(), 0.01, 0.95, 0.95, 0.95, 1e-8, 10, 0, 0);
        var late = m.namedParameters().get("late");
        soap.step(() -> {
            Tensor l = m.namedParameters().get("used").tensor().sum();
            l.backward();
            return l;
        });
        double[] before = Tensors.toDoubles(late.tensor());
        soap.step(TestModules.closure(m, TestModules.gradients(m, 3)));
        assertNotEquals(Arrays.toString(before), Arrays.toString(Tensors.toDoubles(late.tensor())));
        Tensor q = soap.exportState().get("late.q_left");
        assertArrayEquals(Tensors.toDoubles(torch.eye(2, Tensors.options(torch.ScalarType.Double))),
                Tensors.toDoubles(q.t().mm(q)), 1e-12, "an orthonormal basis");
    }
}
