package org.lmlab.sweep;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lmlab.config.Doc;

/**
 * A sweep, as written in its YAML file.
 */
public record SweepSpec(
        @Doc("the sweep's directory name under <runs>/sweeps/")
        String name,
        @Doc("the base run config (YAML), relative to the sweep file")
        String base,
        @Doc("key=value overrides applied to the base before any trial's own")
        List<String> overrides,
        @Doc("how trials are chosen: grid, random, coordinate-descent (the paper's: every other value of " +
                "one key), or local-descent (only the adjacent values on each key's ordered line)")
        Strategy.Kind strategy,
        @Doc("hyperparameter key → the values to try (the grid; for coordinate descent, each key's " +
                "line)")
        Map<String, List<String>> parameters,
        @Doc("coordinate/local descent's starting point, key → value (default: each grid's middle value)")
        Map<String, String> baseline,
        @Doc("number of trials of a random search")
        int trials,
        @Doc("what is optimized, read from each trial's final evaluation")
        Metric metric,
        @Doc("configs within this of the best metric count as approximately optimal")
        double tolerance,
        @Doc("coordinate descent stops after this many moves even if a neighbour still improves")
        int maxRounds,
        @Doc("seed of a random search's choices (each trial's own seed is the base config's)")
        long seed) {

    /** The optimized quantity: validation loss (minimized) or accuracy (maximized). */
    public enum Metric {
        VAL_LOSS, VAL_ACCURACY;

        /** Lower is better after this transform. */
        double cost(double value) {
            return this == VAL_LOSS ? value : -value;
        }
    }

    public SweepSpec {
        if (name == null || name.isBlank() || name.contains("/")) {
            throw new IllegalArgumentException("name must be a plain directory name");
        }
        if (base == null || base.isBlank()) {
            throw new IllegalArgumentException("base must name the base run config");
        }
        overrides = overrides == null ? List.of() : List.copyOf(overrides);
        parameters = parameters == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        baseline = baseline == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(baseline));
        if (parameters.isEmpty()) {
            throw new IllegalArgumentException("parameters must name at least one key with values to try");
        }
        parameters.forEach((k, v) -> {
            if (v == null || v.isEmpty()) {
                throw new IllegalArgumentException("parameters." + k + " has no values");
            }
        });
        for (Map.Entry<String, String> e : baseline.entrySet()) {
            List<String> line = parameters.get(e.getKey());
            if (line == null || !line.contains(e.getValue())) {
                throw new IllegalArgumentException("baseline." + e.getKey() + "=" + e.getValue()
                        + " is not one of parameters." + e.getKey());
            }
        }
        if (strategy == Strategy.Kind.RANDOM && trials < 1) {
            throw new IllegalArgumentException("trials must be >= 1 for a random search");
        }
        if (tolerance < 0 || maxRounds < 1) {
            throw new IllegalArgumentException("tolerance must be >= 0 and max_rounds >= 1");
        }
    }

    public static SweepSpec defaults() {
        return new SweepSpec("sweep", "config.yaml", List.of(), Strategy.Kind.GRID, Map.of("optim.lr", List.of("3e-3")),
                Map.of(), 10, Metric.VAL_LOSS, 6e-3, 20, 0);
    }

    public SweepSpec withName(String n) {
        return new SweepSpec(n, base, overrides, strategy, parameters, baseline, trials, metric, tolerance, maxRounds,
                seed);
    }

    public SweepSpec withParameters(Map<String, List<String>> p) {
        return new SweepSpec(name, base, overrides, strategy, p, baseline, trials, metric, tolerance, maxRounds, seed);
    }
}
