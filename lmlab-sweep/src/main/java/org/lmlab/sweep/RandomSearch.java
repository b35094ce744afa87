package org.lmlab.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * {@code trials} distinct points drawn uniformly from the grid with the spec's seed (fewer if the grid is smaller),
 * in one batch. The draw depends only on the seed, so a resumed search draws the same points.
 */
public final class RandomSearch implements Strategy {
    private final Map<String, List<String>> parameters;
    private final int trials;
    private final long seed;

    public RandomSearch(Map<String, List<String>> parameters, int trials, long seed) {
        this.parameters = parameters;
        this.trials = trials;
        this.seed = seed;
    }

    @Override
    public List<Trial> next(List<TrialResult> done) {
        List<Trial> todo = new ArrayList<>();
        for (Trial t : draw()) {
            if (!Strategy.ran(t, done)) {
                todo.add(t);
            }
        }
        return todo;
    }

    List<Trial> draw() {
        long size = parameters.values().stream().mapToLong(List::size).reduce(1, Math::multiplyExact);
        int n = (int) Math.min(trials, size);
        Random r = new Random(seed);
        Set<String> seen = new LinkedHashSet<>();
        List<Trial> out = new ArrayList<>();
        while (out.size() < n) {
            Map<String, String> p = new LinkedHashMap<>();
            parameters.forEach((k, vs) -> p.put(k, vs.get(r.nextInt(vs.size()))));
            Trial t = new Trial(p);
            if (seen.add(t.id())) {
                out.add(t);
            }
        }
        return out;
    }
}
