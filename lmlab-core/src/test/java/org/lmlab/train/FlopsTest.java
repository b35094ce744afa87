package org.lmlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.lmlab.model.Decoder;
import org.lmlab.tensor.Rng;
import org.lmlab.tensor.Torch;

class FlopsTest {
    @Test
    void trainingFlopsArePalmsCountByHand() {
        Torch.init();
        Rng.seed(0);
        Decoder model = new Decoder(Fixtures.tinyModel(11));
        int d = 32;
        int t = 8;
        // Untied: the head (11 × 32) and every hidden matrix take part in matmuls; the embedding lookup does not.
        long matmulParams = model.parameterCount() - 11L * d - norms(model);
        double expected = 6.0 * matmulParams + 12.0 * 1 * t * d;
        assertEquals(expected, Flops.trainingFlopsPerToken(model, t), 1e-9);
    }

    @Test
    void remeasuringThePeakNeverLowersIt() {
        Torch.init();
        double first = Flops.peak();
        assertTrue(first > 1e8, "a matmul peak below 0.1 GFLOP/s is not a measurement: " + first);
        double again = Flops.remeasurePeak();
        assertTrue(again >= first);
        assertEquals(again, Flops.peak(), 0.0, "peak() returns the kept (larger) value");
    }

    /** The 1-D gains: one per norm, d each (two per block and the final norm). */
    private static long norms(Decoder model) {
        return model.namedParameters().values().stream().filter(p -> p.shape().length == 1)
                .mapToLong(p -> p.numel()).sum();
    }
}
