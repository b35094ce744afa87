package org.lmlab.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every combination of the parameter values (the Cartesian product), in one batch. */
public final class GridSearch implements Strategy {
    private final Map<String, List<String>> parameters;

    public GridSearch(Map<String, List<String>> parameters) {
        this.parameters = parameters;
    }

    @Override
    public List<Trial> next(List<TrialResult> done) {
        List<Trial> todo = new ArrayList<>();
        for (Trial t : all()) {
            if (!Strategy.ran(t, done)) {
                todo.add(t);
            }
        }
        return todo;
    }

    /** The full grid, first key varying slowest. */
    public List<Trial> all() {
        List<Trial> out = new ArrayList<>(List.of(new Trial(new LinkedHashMap<>())));
        for (Map.Entry<String, List<String>> e : parameters.entrySet()) {
            List<Trial> next = new ArrayList<>();
            for (Trial t : out) {
                for (String v : e.getValue()) {
                    next.add(t.with(e.getKey(), v));
                }
            }
            out = next;
        }
        return out;
    }
}
