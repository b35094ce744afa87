package org.lmlab.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class StrategyTest {
    private static final Map<String, List<String>> GRID = new LinkedHashMap<>();

    static {
        GRID.put("optim.lr", List.of("1e-3", "3e-3", "1e-2", "3e-2"));
        GRID.put("optim.weight_decay", List.of("0", "0.1", "0.3"));
    }

    /** Runs a strategy to the end against a known objective, as a sweep would. */
    private static List<TrialResult> drive(Strategy s, ToDoubleFunction<Trial> loss) {
        List<TrialResult> done = new ArrayList<>();
        for (List<Trial> batch = s.next(done); !batch.isEmpty(); batch = s.next(done)) {
            for (Trial t : batch) {
                double l = loss.applyAsDouble(t);
                done.add(new TrialResult(t.id(), t.params(), Double.isNaN(l) ? "diverged" : "completed", l, 1,
                        Double.isNaN(l) ? "NaN" : ""));
            }
        }
        return done;
    }

    private static double bowl(Trial t) {
        double lr = Math.log10(Double.parseDouble(t.params().get("optim.lr")));
        double wd = Double.parseDouble(t.params().get("optim.weight_decay"));
        return Math.pow(lr + 2, 2) + Math.pow(wd - 0.1, 2);
    }

    @Test
    void gridCoversTheProductOnceAndIdsAreStable() {
        List<TrialResult> done = drive(new GridSearch(GRID), StrategyTest::bowl);
        assertEquals(12, done.size());
        assertEquals(12, done.stream().map(TrialResult::id).distinct().count());
        Trial a = new Trial(Map.of("optim.lr", "1e-3")).with("optim.weight_decay", "0");
        assertEquals(a.id(), new Trial(new LinkedHashMap<>(a.params())).id());
        assertNotEquals(a.id(), a.with("optim.weight_decay", "0.1").id());
    }

    @Test
    void randomSearchDrawsDistinctPointsFromTheSeed() {
        List<TrialResult> a = drive(new RandomSearch(GRID, 5, 7), StrategyTest::bowl);
        List<TrialResult> b = drive(new RandomSearch(GRID, 5, 7), StrategyTest::bowl);
        assertEquals(5, a.stream().map(TrialResult::id).distinct().count());
        assertEquals(a.stream().map(TrialResult::id).toList(), b.stream().map(TrialResult::id).toList());
        assertEquals(12, drive(new RandomSearch(GRID, 100, 7), StrategyTest::bowl).size(), "capped at the grid size");
    }

    @Test
    void coordinateDescentWalksToTheOptimumAndSkipsDivergedPoints() {
        // Start at the worst corner; lr 3e-2 diverges. The walk must reach (1e-2, 0.1), the bowl's minimum.
        CoordinateDescent cd = new CoordinateDescent(GRID, Map.of("optim.lr", "1e-3", "optim.weight_decay", "0.3"),
                SweepSpec.Metric.VAL_LOSS, 20);
        List<TrialResult> done = drive(cd, t -> t.params().get("optim.lr").equals("3e-2") ? Double.NaN : bowl(t));
        Trial end = cd.finalPoint(done);
        assertEquals("1e-2", end.params().get("optim.lr"));
        assertEquals("0.1", end.params().get("optim.weight_decay"));
        assertTrue(done.size() < 12 + 1, "fewer trials than the grid: " + done.size());
        assertTrue(done.stream().anyMatch(r -> r.status().equals("diverged")), "diverged trials stay recorded");
        // Resuming from any prefix of the results asks for exactly the trials not yet run.
        for (int k = 0; k < done.size(); k++) {
            List<TrialResult> prefix = done.subList(0, k);
            for (Trial t : cd.next(prefix)) {
                assertTrue(prefix.stream().noneMatch(r -> r.id().equals(t.id())));
            }
        }
    }

    @Test
    void localDescentStepsBetweenAdjacentValuesToTheBracketedMinimum() {
        // A wide log lattice of learning rates with the minimum at 1e-2; the walk starts four steps below it.
        List<String> lattice = java.util.stream.IntStream.rangeClosed(-6, 6)
                .mapToObj(k -> Double.toString(1e-3 * Math.pow(2, k))).toList();
        Map<String, List<String>> line = Map.of("optim.lr", lattice);
        CoordinateDescent local = new CoordinateDescent(line, Map.of("optim.lr", lattice.get(6)),
                SweepSpec.Metric.VAL_LOSS, 20, true);
        ToDoubleFunction<Trial> loss = t -> Math.pow(Math.log(Double.parseDouble(t.params().get("optim.lr")) / 1e-2), 2);
        List<TrialResult> done = drive(local, loss);
        String best = local.finalPoint(done).params().get("optim.lr");
        assertEquals(lattice.get(9), best, "8e-3 is the lattice point nearest 1e-2 in log distance");
        // Start, its two neighbours, then one new point per move (3 moves) — never the whole lattice.
        assertEquals(3 + 3, done.size());
        for (TrialResult r : done) {
            int i = lattice.indexOf(r.params().get("optim.lr"));
            assertTrue(i >= 5 && i <= 10, "only points along the walk: " + r.params());
        }
    }
}
