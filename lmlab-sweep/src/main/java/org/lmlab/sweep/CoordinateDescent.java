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
 * <p>With {@code adjacent}, a key's neighbours are only the grid values next to the current one (the
 * {@code local-descent} strategy): on an ordered grid with a unimodal metric — a learning rate on a log lattice — the
 * walk stops at the first point better than both sides, after 3 + (moves) trials instead of the whole grid per round,
 * and a wide grid costs nothing until the walk gets there.
 *
 * <p>{@link #next} replays the walk from the results alone, so it is exact under resume: the path is determined by
 * which trials finished with which metric, not by the order in which they finished.
 */
public final class CoordinateDescent implements Strategy {
    private final Map<String, List<String>> parameters;
    private final Map<String, String> baseline;
    private final SweepSpec.Metric metric;
    private final int maxRounds;
    private final boolean adjacent;

    public CoordinateDescent(Map<String, List<String>> parameters, Map<String, String> baseline,
            SweepSpec.Metric metric, int maxRounds) {
        this(parameters, baseline, metric, maxRounds, false);
    }

    public CoordinateDescent(Map<String, List<String>> parameters, Map<String, String> baseline,
            SweepSpec.Metric metric, int maxRounds, boolean adjacent) {
        this.parameters = parameters;
        this.baseline = baseline;
        this.metric = metric;
        this.maxRounds = maxRounds;
        this.adjacent = adjacent;
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
            int at = vs.indexOf(point.params().get(k));
            for (int i = 0; i < vs.size(); i++) {
                if (i != at && (!adjacent || Math.abs(i - at) == 1)) {
                    out.add(point.with(k, vs.get(i)));
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
