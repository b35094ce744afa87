package org.lmlab.repro.optimizers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lmlab.repro.ReproContext;
import org.lmlab.run.MetricsLog;
import org.lmlab.sweep.Executor;
import org.lmlab.sweep.InProcessExecutor;
import org.lmlab.sweep.LocalExecutor;
import org.lmlab.sweep.Strategy;
import org.lmlab.sweep.Sweep;
import org.lmlab.sweep.SweepSpec;

/**
 * Runs the benchmark's grids as sweeps under the reproduction directory (so they are resumable, indexed by
 * {@code lmlab runs}, and each trial is a full run directory), and reads validation losses back from them.
 */
final class Trials {
    private final ReproContext ctx;
    private final int parallel;

    Trials(ReproContext ctx, int parallel) {
        this.ctx = ctx;
        this.parallel = parallel;
    }

    /** A grid sweep named {@code name} over {@code params}, on top of base.yaml plus {@code overrides}. */
    Sweep.Outcome grid(String name, List<String> overrides, Map<String, List<String>> params) {
        SweepSpec spec = new SweepSpec(name, "base.yaml", overrides, Strategy.Kind.GRID, new LinkedHashMap<>(params),
                Map.of(), 1, SweepSpec.Metric.VAL_LOSS, 6e-3, 20, 0);
        try (Executor ex = parallel > 1 ? new LocalExecutor(parallel, 1) : new InProcessExecutor()) {
            return Sweep.run(spec, ctx.dir().resolve("base.yaml"), ctx.dir(), ex, ctx.out());
        }
    }

    /** Validation loss of a trial at {@code step} (its mid-training evaluation), NaN if absent. */
    static double valLossAt(Path runDir, long step) {
        Path m = runDir.resolve("metrics.jsonl");
        if (!Files.exists(m)) {
            return Double.NaN;
        }
        try {
            for (Map<String, Object> row : MetricsLog.read(m)) {
                if ("val".equals(row.get("split")) && row.get("step") instanceof Number s && s.longValue() == step
                        && row.get("loss") instanceof Number l) {
                    return l.doubleValue();
                }
            }
        } catch (IOException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
