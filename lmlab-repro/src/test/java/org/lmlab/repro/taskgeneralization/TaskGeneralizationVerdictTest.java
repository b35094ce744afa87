package org.lmlab.repro.taskgeneralization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmlab.repro.ReproContext;
import org.lmlab.repro.Verdict;
import org.lmlab.run.MetricsLog;
import org.lmlab.task.ParityEvaluator;

/** The row's criteria on made-up results: the paper's pattern passes; each way of missing it fails its criterion. */
class TaskGeneralizationVerdictTest {
    /** A three-point growth curve (the row itself runs two points; the criteria take any number). */
    private static final TaskGeneralization.Setup CURVE = new TaskGeneralization.Setup(10, 3, 20,
            new int[] {15, 30, 60}, 10, 10, 8);

    @TempDir
    Path dir;

    private static TaskGeneralization.Result cot(int tasks, double heldOut) {
        return new TaskGeneralization.Result(tasks, true, new ParityEvaluator.Accuracy(new double[] {1, 1, 1}),
                new ParityEvaluator.Accuracy(new double[] {1, 1, heldOut}), true);
    }

    private Verdict judge(double c15, double c30, double c60, double noCot) throws Exception {
        TaskGeneralization.Result none = new TaskGeneralization.Result(60, false,
                new ParityEvaluator.Accuracy(new double[] {0.6}), new ParityEvaluator.Accuracy(new double[] {noCot}),
                true);
        ReproContext ctx = new ReproContext(1, true, dir, new PrintStream(new ByteArrayOutputStream()));
        return TaskGeneralizationVerdict.judge(ctx, CURVE,
                List.of(cot(15, c15), cot(30, c30), cot(60, c60), none));
    }

    private static List<Boolean> passes(Verdict v) {
        return v.criteria().stream().map(c -> c.pass()).toList();
    }

    @Test
    void thePapersPatternPassesAndEachMissFailsItsCriterion() throws Exception {
        assertTrue(judge(0.55, 0.80, 0.95, 0.50).passed());
        assertEquals(List.of(false, true, true, true), passes(judge(0.55, 0.70, 0.85, 0.50)), "held-out < 0.9");
        assertEquals(List.of(true, false, true, true), passes(judge(0.55, 0.80, 0.95, 0.70)), "no-CoT solves it");
        assertEquals(List.of(true, true, false, true), passes(judge(0.55, 0.98, 0.91, 0.50)), "curve falls");
        assertFalse(judge(0.86, 0.88, 0.92, 0.50).passed(), "gain 0.06 < 0.10");
    }

    @Test
    void lossCurvesArePlottedFromTheArmsMetrics() throws Exception {
        judge(0.55, 0.80, 0.95, 0.50);
        assertFalse(Files.exists(dir.resolve("loss-curves.png")), "no arm evaluated mid-run");
        try (MetricsLog log = MetricsLog.open(
                dir.resolve("runs").resolve(TaskGeneralization.armName(60, true)).resolve("metrics.jsonl"))) {
            for (long step = 1; step <= 4; step++) {
                log.append(step, "train", Map.of("loss", 1.0 / step));
                if (step % 2 == 0) {
                    log.append(step, "val", Map.of("loss", 0.5));
                }
            }
        }
        judge(0.55, 0.80, 0.95, 0.50);
        assertTrue(Files.size(dir.resolve("loss-curves.png")) > 0);
    }
}
