package org.lmlab.sweep;

import java.util.List;

/**
 * Chooses trials. {@link #next} is a pure function of the spec and the results so far: it returns the trials to
 * run next (all new), or an empty list when the sweep is finished. A resumed sweep therefore continues exactly
 * where an uninterrupted one would be.
 */
public interface Strategy {
    /** Strategy kinds (config value {@code strategy}). */
    enum Kind { GRID, RANDOM, COORDINATE_DESCENT, LOCAL_DESCENT }

    List<Trial> next(List<TrialResult> done);

    static Strategy of(SweepSpec spec) {
        return switch (spec.strategy()) {
            case GRID -> new GridSearch(spec.parameters());
            case RANDOM -> new RandomSearch(spec.parameters(), spec.trials(), spec.seed());
            case COORDINATE_DESCENT -> new CoordinateDescent(spec.parameters(), spec.baseline(), spec.metric(),
                    spec.maxRounds());
            case LOCAL_DESCENT -> new CoordinateDescent(spec.parameters(), spec.baseline(), spec.metric(),
                    spec.maxRounds(), true);
        };
    }

    /** Whether {@code t} already has a result in {@code done}. */
    static boolean ran(Trial t, List<TrialResult> done) {
        String id = t.id();
        return done.stream().anyMatch(r -> r.id().equals(id));
    }
}
