package org.lmlab.sweep;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.lmlab.config.BadInputException;
import org.lmlab.config.Configs;
import org.lmlab.run.Json;
import org.lmlab.tensor.Torch;
import org.lmlab.train.RunConfig;
import org.lmlab.train.TrainRun;
import org.lmlab.train.TrainingDivergedException;

/**
 * The trial function: a resolved run config → its run directory under the trials root. A directory left by a
 * killed attempt is resumed from its newest checkpoint. Usable in-process ({@link #run}) and as a child process's
 * main class ({@code TrialRunner <trials root> <config.yaml>}, exit 0 completed, 1 diverged, 2 bad input, 3 failed).
 */
public final class TrialRunner {
    private TrialRunner() {}

    /** Trains {@code config} in {@code trialsRoot/<config.name()>}; never throws for a diverged or failed run. */
    public static TrialResult run(Trial trial, RunConfig config, Path trialsRoot, SweepSpec.Metric metric,
            PrintStream log) {
        long t0 = System.nanoTime();
        String reason = "";
        try {
            TrainRun.Prepared prepared;
            // Preparing draws the initial weights from libtorch's global generator: one trial at a time, so trials
            // of concurrent sweeps in one JVM initialize exactly as they would alone. Training draws nothing global.
            synchronized (TrialRunner.class) {
                prepared = TrainRun.prepare(config, trialsRoot, true, log, List.of("lmlab", "sweep", "trial",
                        trial.id()));
            }
            prepared.train();
        } catch (TrainingDivergedException e) {
            reason = e.getMessage();
        } catch (RuntimeException e) {
            reason = e.toString();
        }
        return read(trial, trialsRoot.resolve(config.name()), metric, (System.nanoTime() - t0) / 1e9, reason);
    }

    /** The result recorded in a trial's run directory ({@code summary.json}); failed when there is none. */
    static TrialResult read(Trial trial, Path runDir, SweepSpec.Metric metric, double seconds, String reason) {
        Path summary = runDir.resolve("summary.json");
        if (!Files.isRegularFile(summary)) {
            return new TrialResult(trial.id(), trial.params(), "failed", Double.NaN, seconds,
                    reason.isEmpty() ? "no summary.json in " + runDir : reason);
        }
        try {
            Map<String, Object> s = Json.readMap(summary);
            String status = String.valueOf(s.get("status"));
            if (!status.equals("completed")) {
                Object why = s.get("reason");
                return new TrialResult(trial.id(), trial.params(), status.equals("diverged") ? "diverged" : "failed",
                        Double.NaN, seconds, why == null ? (reason.isEmpty() ? status : reason) : why.toString());
            }
            Object eval = s.get("final_eval");
            if (!(eval instanceof Map<?, ?> e)) {
                return new TrialResult(trial.id(), trial.params(), "failed", Double.NaN, seconds,
                        "no final evaluation in " + summary);
            }
            Object v = e.get(metric == SweepSpec.Metric.VAL_LOSS ? "loss" : "accuracy");
            double value = v instanceof Number n ? n.doubleValue() : Double.NaN;
            return new TrialResult(trial.id(), trial.params(), "completed", value, seconds, "");
        } catch (IOException | RuntimeException e) {
            return new TrialResult(trial.id(), trial.params(), "failed", Double.NaN, seconds,
                    summary + ": " + e.getMessage());
        }
    }

    /** Child-process entry point: {@code <trials root> <resolved config.yaml>}. */
    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: TrialRunner <trials root> <config.yaml>");
            System.exit(2);
        }
        try {
            Torch.init();
            RunConfig c = Configs.load(Path.of(args[1]), List.of(), RunConfig.class);
            TrainRun.execute(c, Path.of(args[0]), true, new PrintStream(System.out, true, StandardCharsets.UTF_8),
                    List.of("lmlab", "sweep", "trial", c.name()));
            System.exit(0);
        } catch (TrainingDivergedException e) {
            System.err.println("diverged: " + e.getMessage());
            System.exit(1);
        } catch (BadInputException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(2);
        } catch (RuntimeException e) {
            System.err.println("failed: " + e);
            System.exit(3);
        }
    }
}
