package org.lmlab.probe.moe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Mutual information and load from [domain][expert] tables, against hand-computed values. */
class MoeProbeStatisticsTest {
    @Test
    void perfectSpecializationHasMutualInformationLogD() {
        // 2 domains, 2 experts, each domain uses only its own expert: MI = ln 2, normalized 1.
        long[][] c = {{10, 0}, {0, 10}};
        assertEquals(Math.log(2), DomainExpertInformation.mutualInformation(c), 1e-12);
        assertEquals(1.0, DomainExpertInformation.normalized(c), 1e-12);
        assertEquals(1.0, ExpertUtilization.maxLoad(c), 1e-12);
    }

    @Test
    void independentRoutingHasNone() {
        long[][] c = {{3, 1}, {6, 2}};
        assertEquals(0.0, DomainExpertInformation.mutualInformation(c), 1e-12);
    }

    @Test
    void handComputedMixedCase() {
        // p = [[0.4, 0.1], [0.1, 0.4]]; marginals 0.5 each: MI = 2·0.4·ln(1.6) + 2·0.1·ln(0.4).
        long[][] c = {{4, 1}, {1, 4}};
        double mi = 0.8 * Math.log(1.6) + 0.2 * Math.log(0.4);
        assertEquals(mi, DomainExpertInformation.mutualInformation(c), 1e-12);
        // Loads: experts 0 and 1 each 0.5 of 4 experts' table? Here E = 2: f = [0.5, 0.5], max f·E = 1.
        assertArrayEquals(new double[] {0.5, 0.5}, ExpertUtilization.frequencies(c), 1e-12);
        long[][] skewed = {{6, 2, 0, 0}};
        assertEquals(0.75 * 4, ExpertUtilization.maxLoad(skewed), 1e-12);
    }
}
