package org.lmlab.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lmlab.tensor.Rng;
import org.lmlab.tensor.Tensors;
import org.lmlab.tensor.Torch;

class NewtonSchulzTest {
    @BeforeAll
    static void init() {
        Torch.init();
    }

    /**
     * NS5 is not the polar factor: after five steps of the quintic every singular value of a full-rank matrix sits in
     * the band the iteration oscillates in, [0.6818, 1.1344] (measured: numpy over 200 Gaussian draws per shape gives
     * exactly those ends). Rectangular Gaussian matrices are well conditioned, so all of theirs get there; square
     * ones have singular values near 0 that five steps cannot lift, and are not a fair test of the band.
     */
    @Test
    void singularValuesLandInTheQuinticBand() {
        Rng.seed(3);
        long[][] shapes = {{16, 64}, {64, 16}, {32, 128}, {128, 32}, {50, 30}, {3, 7}, {256, 704}, {704, 256}};
        for (long[] shape : shapes) {
            for (int draw = 0; draw < 5; draw++) {
                Tensor g = torch.randn(shape, Tensors.options(ScalarType.Double));
                double[] s = Tensors.toDoubles(torch.linalg_svdvals(NewtonSchulz.orthogonalize(g, 5)));
                double lo = Arrays.stream(s).min().orElseThrow();
                double hi = Arrays.stream(s).max().orElseThrow();
                assertTrue(lo > 0.68 && hi < 1.14, Arrays.toString(shape) + ": singular values in [" + lo + ", " + hi + "]");
            }
        }
    }

    @Test
    void moreStepsDoNotConvergeToOneEither() {
        // The coefficients trade convergence for speed: even 50 steps keep the band, they do not reach U Vᵀ.
        Rng.seed(4);
        Tensor g = torch.randn(new long[] {20, 40}, Tensors.options(ScalarType.Double));
        double[] s = Tensors.toDoubles(torch.linalg_svdvals(NewtonSchulz.orthogonalize(g, 50)));
        assertTrue(Arrays.stream(s).anyMatch(x -> Math.abs(x - 1) > 0.05), Arrays.toString(s));
    }

    @Test
    void aBatchIsOrthogonalizedMatrixByMatrix() {
        Rng.seed(5);
        Tensor batch = torch.randn(new long[] {3, 8, 12}, Tensors.options(ScalarType.Double));
        Tensor together = NewtonSchulz.orthogonalize(batch, 5);
        for (int i = 0; i < 3; i++) {
            Tensor alone = NewtonSchulz.orthogonalize(batch.select(0, i), 5);
            assertArrayEquals(Tensors.toDoubles(alone), Tensors.toDoubles(together.select(0, i)), 1e-12);
        }
    }

    @Test
    void theInputIsNotModified() {
        Tensor g = Tensors.doubles(new double[] {0.1, -0.2, 0.3, 0.4, 0.5, 0.6}, 3, 2);
        double[] before = Tensors.toDoubles(g);
        NewtonSchulz.orthogonalize(g, 5);
        assertArrayEquals(before, Tensors.toDoubles(g), 0);
    }
}
