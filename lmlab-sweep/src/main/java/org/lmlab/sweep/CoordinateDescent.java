package org.lmlab.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tuning protocol of "Fantastic Pretraining Optimizers and Where to Find Them" (Wen et al. 2025, §3): start
 * from a baseline; try every single-hyperparameter change on the grid (all other values of one key, the rest
 * fixed); move to the best of them if it beats the current point; repeat until no neighbour improves (or
 * {@code maxRounds} moves). Diverged and failed trials never win.
 *
 * <p>{@link #next} replays the walk from the results alone, so it is exact under resume: the path is determined by
 * which trials finished with which metric, not by the order in which they finished.
 */
public final class CoordinateDescent implements Strategy {
    private final Map<String, List<String>> parameters;
    private final Map<String, String> baseline;
    private final SweepSpec.Metric metric;
    private final int maxRounds;

    public CoordinateDescent(Map<String, List<String>> parameters, Map<String, String> baseline,
            SweepSpec.Metric metric, int maxRounds) {
        this.parameters = parameters;
        this.baseline = baseline;
        this.metric = metric;
        this.maxRounds = maxRounds;
    }

    @Override
    public List<Trial> next(List<TrialResult> done) {
        Trial point = start();
        for (int round = 0; ; round++) {
            List<Trial> line = new ArrayList<>();
            line.add(point);
            line.addAll(neighbours(point));
            List<Trial> missing = line.stream().filter(t -> !Strategy.ran(t, done)).toList();
            if (!missing.isEmpty()) {
                return missing;
            }
            Trial best = point;
            double bestCost = cost(point, done);
            for (Trial t : line) {
                double c = cost(t, done);
                // Strictly better only: ties keep the current point, so the walk cannot cycle.
                if (c < bestCost) {
                    best = t;
                    bestCost = c;
                }
            }
            if (best.equals(point) || round + 1 >= maxRounds) {
                return List.of();
            }
            point = best;
        }
    }

    /** The point the walk ends at (the best found), given finished results. */
    public Trial finalPoint(List<TrialResult> done) {
        Trial point = start();
        for (int round = 0; round < maxRounds; round++) {
            Trial best = point;
            double bestCost = cost(point, done);
            for (Trial t : neighbours(point)) {
                if (cost(t, done) < bestCost) {
                    best = t;
                    bestCost = cost(t, done);
                }
            }
            if (best.equals(point)) {
                break;
            }
            point = best;
        }
        return point;
    }

    Trial start() {
        Map<String, String> p = new LinkedHashMap<>();
        parameters.forEach((k, vs) -> p.put(k, baseline.getOrDefault(k, vs.get(vs.size() / 2))));
        return new Trial(p);
    }

    List<Trial> neighbours(Trial point) {
        List<Trial> out = new ArrayList<>();
        parameters.forEach((k, vs) -> {
            for (String v : vs) {
                if (!v.equals(point.params().get(k))) {
                    out.add(point.with(k, v));
                }
            }
        });
        return out;
    }

    private double cost(Trial t, List<TrialResult> done) {
        String id = t.id();
        Optional<TrialResult> r = done.stream().filter(x -> x.id().equals(id)).findFirst();
        return r.filter(TrialResult::completed).map(x -> metric.cost(x.metric())).orElse(Double.POSITIVE_INFINITY);
    }
}
