package org.lmlab.repro.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The pieces of the benchmark's tuning that are plain arithmetic: lattice snapping, where a data ratio's search
 * starts.
 */
class SearchHelpersTest {
    @Test
    void startsSnapToTheNearestLatticePointInLogDistance() {
        assertEquals("0.016", Trials.nearest(Trials.LATTICE, 0.016));
        assertEquals("0.032", Trials.nearest(Trials.LATTICE, 0.03));
        // 1.0 lies between 0.8 and 1.6; log-nearer to 0.8 (ln 1.25 < ln 1.6).
        assertEquals("0.8", Trials.nearest(Trials.RATIOS, 1.0));
        assertEquals(Trials.LATTICE.get(Trials.LATTICE.size() - 1), Trials.nearest(Trials.LATTICE, 50));
        for (int i = 1; i < Trials.LATTICE.size(); i++) {
            assertEquals(2.0, Double.parseDouble(Trials.LATTICE.get(i)) / Double.parseDouble(Trials.LATTICE.get(i - 1)),
                    1e-12, "factor-2 lattice");
        }
    }

    @Test
    void aRatioSearchStartsWhereTheOptimumIsHeading() {
        // Halved from 1x to 2x: 4x starts a further factor 2 down.
        assertEquals(0.008, OptimizerBenchmark.extrapolate(0.016, 0.032), 1e-15);
        assertEquals(0.032, OptimizerBenchmark.extrapolate(0.032, 0.032), 1e-15);
        // A rise is lattice noise: start at the last optimum, never above it.
        assertEquals(0.032, OptimizerBenchmark.extrapolate(0.032, 0.016), 1e-15);
        // A ratio whose search found nothing (every trial diverged) gives no direction: stay put.
        assertEquals(0.016, OptimizerBenchmark.extrapolate(0.016, Double.NaN), 0);
        assertTrue(Double.isNaN(OptimizerBenchmark.extrapolate(Double.NaN, 0.016)));
    }
}
