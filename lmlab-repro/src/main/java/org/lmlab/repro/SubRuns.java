package org.lmlab.repro;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.lmlab.run.RunDir;
import org.lmlab.train.Checkpoints;
import org.lmlab.train.RunConfig;
import org.lmlab.train.TrainRun;
import org.lmlab.train.TrainSummary;

/**
 * Trains a reproduction's sub-run as an ordinary run directory under {@code <repro dir>/runs/<name>} (config,
 * provenance, metrics, final checkpoint — so {@code lmlab eval}/{@code lmlab probe} work on it later) and hands
 * back the trained model for measuring.
 */
public final class SubRuns {
    private SubRuns() {}

    /** A finished sub-run: its trained model and task, its summary, its directory. */
    public record Trained(TrainRun.Built built, TrainSummary summary, Path dir) {}

    public static Trained train(ReproContext ctx, RunConfig c) throws IOException {
        Path root = ctx.dir().resolve("runs");
        TrainSummary s = TrainRun.execute(c, root, false, ctx.out(), List.of("lmlab", "repro"));
        RunDir run = RunDir.open(root.resolve(c.name()));
        TrainRun.Built b = TrainRun.build(c, run, ctx.out());
        Checkpoints.load(run.latestCheckpoint().orElseThrow().dir(), b.model(), null);
        return new Trained(b, s, run.dir());
    }
}
