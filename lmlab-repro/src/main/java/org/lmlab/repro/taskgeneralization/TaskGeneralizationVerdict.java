package org.lmlab.repro.taskgeneralization;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.lmlab.run.MetricsLog;
import org.lmlab.report.Plot;
import org.lmlab.repro.Criterion;
import org.lmlab.repro.ReproContext;
import org.lmlab.repro.Verdict;

/** The criteria of {@code task-generalization} and its report. */
final class TaskGeneralizationVerdict {
    private TaskGeneralizationVerdict() {}

    static Verdict judge(ReproContext ctx, TaskGeneralization.Setup setup, List<TaskGeneralization.Result> results)
            throws Exception {
        int[] counts = setup.taskCounts();
        int main = setup.mainTasks();
        TaskGeneralization.Result cot = find(results, main, true);
        TaskGeneralization.Result noCot = find(results, main, false);
        double[] x = new double[counts.length];
        double[] y = new double[x.length];
        boolean growing = true;
        StringBuilder curve = new StringBuilder();
        for (int i = 0; i < x.length; i++) {
            x[i] = counts[i];
            y[i] = find(results, counts[i], true).heldOutAccuracy();
            curve.append(i == 0 ? "" : " / ").append(Criterion.format(y[i]));
            if (i > 0 && y[i] < y[i - 1] - 0.05) {
                growing = false;
            }
        }
        report(ctx, setup, results, x, y);
        return Verdict.of(
                Criterion.atLeast("held-out-task accuracy with CoT (" + main + " training tasks)",
                        cot.heldOutAccuracy(), 0.90)
                        .withSpread("training tasks " + Criterion.format(cot.trainAccuracy())),
                Criterion.atMost("held-out-task accuracy without CoT (" + main + " training tasks)",
                        noCot.heldOutAccuracy(), 0.65)
                        .withSpread("training tasks " + Criterion.format(noCot.trainAccuracy())),
                Criterion.check("held-out accuracy non-decreasing in training tasks " + join(counts), curve.toString(),
                        "each ≥ previous − 0.05", growing),
                Criterion.atLeast("held-out gain from " + counts[0] + " to " + main + " training tasks",
                        y[y.length - 1] - y[0], 0.10));
    }

    /** "c1 0.99 · c2 0.95 · c3 0.93": each step right given the model's own earlier steps. */
    private static String steps(double[] perStep) {
        StringBuilder b = new StringBuilder();
        for (int j = 0; j < perStep.length; j++) {
            b.append(j == 0 ? "" : " · ").append(perStep.length == 1 ? "answer" : "c" + (j + 1)).append(' ')
                    .append(Criterion.format(perStep[j]));
        }
        return b.toString();
    }

    private static String join(int[] counts) {
        StringBuilder b = new StringBuilder();
        for (int n : counts) {
            b.append(b.length() == 0 ? "" : "/").append(n);
        }
        return b.toString();
    }

    private static TaskGeneralization.Result find(List<TaskGeneralization.Result> results, int n, boolean cot) {
        return results.stream().filter(r -> r.trainTasks() == n && r.cot() == cot).findFirst().orElseThrow();
    }

    private static void report(ReproContext ctx, TaskGeneralization.Setup setup,
            List<TaskGeneralization.Result> results, double[] x, double[] y) throws Exception {
        Plot.lines("Held-out parity tasks against training tasks (with CoT)",
                "training tasks (of " + setup.totalTasks() + ")",
                "held-out query accuracy").series("chain of thought", x, y)
                .save(ctx.dir().resolve("heldout-vs-tasks.png"));
        List<List<String>> rows = new ArrayList<>();
        for (TaskGeneralization.Result r : results) {
            rows.add(List.of(r.cot() ? "yes" : "no", String.valueOf(r.trainTasks()), String.valueOf(r.fullCoverage()),
                    Criterion.format(r.trainAccuracy()), Criterion.format(r.heldOutAccuracy()),
                    steps(r.heldOut().perStep())));
        }
        ctx.report()
                .paragraph("In-context Parity(" + setup.bits() + ", " + setup.secretSize() + "), x as one"
                        + " binary-coded token embedded as W·(2x − 1), then the chain of thought as tokens: "
                        + (setup.examples() - 1) + " examples and a query per sequence; the query's answer is"
                        + " generated with the model's own chain of thought. Training splits cover every index in"
                        + " every role of the secret when the number of tasks allows.")
                .table(List.of("chain of thought", "training tasks", "every index in every role",
                        "accuracy, training tasks", "accuracy, held-out tasks", "held-out, per CoT step"), rows)
                .image("held-out accuracy against training tasks", "heldout-vs-tasks.png");
        if (lossCurves(ctx, results)) {
            ctx.report().paragraph("Teacher-forced loss during training on held-out tasks and on the"
                    + " training tasks (the mean over the steps since the previous evaluation): memorization shows"
                    + " as the held-out loss rising while the training loss falls; the composition, as the two"
                    + " meeting again.").image("loss during training", "loss-curves.png");
        }
    }

    /** Plots each arm's held-out and training loss from its metrics.jsonl; false when no arm evaluated mid-run. */
    private static boolean lossCurves(ReproContext ctx, List<TaskGeneralization.Result> results) throws Exception {
        Plot plot = Plot.lines("Loss during training", "step", "loss (nats per answer token)");
        boolean any = false;
        for (TaskGeneralization.Result r : results) {
            String arm = TaskGeneralization.armName(r.trainTasks(), r.cot());
            Path metrics = ctx.dir().resolve("runs").resolve(arm).resolve("metrics.jsonl");
            if (!Files.exists(metrics)) {
                continue;
            }
            List<double[]> held = new ArrayList<>();
            List<double[]> train = new ArrayList<>();
            double sum = 0;
            int n = 0;
            for (Map<String, Object> row : MetricsLog.read(metrics)) {
                if (!(row.get("step") instanceof Number step) || !(row.get("loss") instanceof Number loss)) {
                    continue;
                }
                if ("train".equals(row.get("split"))) {
                    sum += loss.doubleValue();
                    n++;
                } else if ("val".equals(row.get("split"))) {
                    held.add(new double[] {step.doubleValue(), loss.doubleValue()});
                    train.add(new double[] {step.doubleValue(), n == 0 ? Double.NaN : sum / n});
                    sum = 0;
                    n = 0;
                }
            }
            if (held.size() > 1) {
                plot.series(arm + " held-out", column(held, 0), column(held, 1))
                        .series(arm + " training", column(train, 0), column(train, 1));
                any = true;
            }
        }
        if (any) {
            plot.save(ctx.dir().resolve("loss-curves.png"));
        }
        return any;
    }

    private static double[] column(List<double[]> rows, int c) {
        return rows.stream().mapToDouble(r -> r[c]).toArray();
    }
}
