package org.lmlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lmlab.tensor.Tensors;
import org.lmlab.tensor.Torch;

/** The sinusoid table against hand-computed entries, and its scaling to the token embeddings' RMS. */
class LearnedPositionsTest {
    @BeforeAll
    static void init() {
        Torch.init();
    }

    @Test
    void sinusoidsHandChecked() {
        double[] p = Tensors.toDoubles(LearnedPositions.sinusoids(3, 4));
        // position 2, dims 0..3: sin(2), cos(2), sin(2/100), cos(2/100) (10000^{2/4} = 100)
        assertEquals(Math.sin(2), p[8], 1e-6);
        assertEquals(Math.cos(2), p[9], 1e-6);
        assertEquals(Math.sin(0.02), p[10], 1e-6);
        assertEquals(Math.cos(0.02), p[11], 1e-6);
        assertEquals(1.0, p[1], 1e-6);
    }

    @Test
    void addedScaledToTheEmbeddingRms() {
        LearnedPositions pos = new LearnedPositions(64, 32, 0.02);
        Tensor zero = torch.zeros(new long[] {1, 64, 32});
        double rms = Math.sqrt(pos.forward(zero).pow(Tensors.s(2.0)).mean().item_double());
        assertEquals(0.02, rms, 1e-4);
    }
}
