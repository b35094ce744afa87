package org.lmlab.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;

/** Schedules' invariants over arbitrary lengths, warmups and floors. */
class ScheduleProperties {
    @Property(tries = 500)
    void decayingSchedulesStayInRangeRiseThenFallAndEndAtTheFloor(@ForAll Schedule.Kind kind,
            @ForAll @LongRange(min = 1, max = 5000) long total, @ForAll @LongRange(min = 0, max = 500) long warmup,
            @ForAll @DoubleRange(min = 0, max = 1) double minRatio,
            @ForAll @DoubleRange(min = 0.01, max = 1) double decayFraction) {
        long w = Math.min(warmup, total - 1);
        Schedule s = Schedule.of(kind, w, total, minRatio, decayFraction);
        double prev = 0;
        for (long t = 0; t < total; t++) {
            double f = s.factor(t);
            assertTrue(f > 0 || (minRatio == 0 && t == total - 1) && f >= 0, kind + " factor " + f + " at " + t);
            assertTrue(f <= 1 + 1e-12, kind + " factor " + f + " > 1 at " + t);
            if (t < w && kind != Schedule.Kind.CONSTANT) {
                assertTrue(f > prev, "warmup rises");
            } else if (t > w && kind != Schedule.Kind.CONSTANT && kind != Schedule.Kind.LINEAR_WARMUP) {
                assertTrue(f <= prev + 1e-12, kind + " does not rise after warmup (t=" + t + ")");
            }
            prev = f;
        }
        if (kind == Schedule.Kind.COSINE && total - w > 1) {
            assertEquals(minRatio, s.factor(total), 1e-12, "cosine reaches the floor at T");
        }
        if (kind == Schedule.Kind.WARMUP_STABLE_DECAY && Math.round(decayFraction * total) > 0) {
            assertEquals(minRatio, s.factor(total - 1), 1e-12, "WSD reaches the floor on its last step");
        }
    }
}
