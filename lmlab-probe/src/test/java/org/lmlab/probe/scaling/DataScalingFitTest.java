package org.lmlab.probe.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DataScalingFitTest {
    /** The brief's worked example (AdamW 130M in the paper): α=0.417, B=0.493, β=3.112; L=3.30 at 4× is 1.26×. */
    @Test
    void reproducesThePapersWorkedExample() {
        DataScalingFit f = DataScalingFit.fit(new double[] {1, 2, 4, 8}, new double[] {3.529, 3.409, 3.322, 3.262});
        assertEquals(0.417, f.alpha(), 0.0015);
        assertEquals(0.493, f.b(), 0.0015);
        assertEquals(3.112, f.beta(), 0.0015);
        assertEquals(1.26, f.speedup(3.30, 4), 0.005);
        assertTrue(Double.isNaN(f.speedup(3.10, 4)), "a loss below β has no effective data");
        assertEquals(1.0, f.speedup(f.loss(2), 2), 1e-9, "the baseline's own fitted curve is speedup 1");
    }

    @Test
    void recoversAnExactLaw() {
        double[] d = {1, 2, 4, 8, 16};
        double[] l = new double[d.length];
        for (int i = 0; i < d.length; i++) {
            l[i] = 0.8 * Math.pow(d[i], -0.35) + 2.0;
        }
        DataScalingFit f = DataScalingFit.fit(d, l);
        assertEquals(0.8, f.alpha(), 1e-6);
        assertEquals(0.35, f.b(), 1e-6);
        assertEquals(2.0, f.beta(), 1e-6);
        assertEquals(2.0, f.effectiveData(f.loss(2.0)), 1e-6);
    }
}
