package org.lmlab.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.lmlab.config.BadInputException;
import org.lmlab.config.Configs;
import org.lmlab.run.CheckpointDir;
import org.lmlab.run.RunDir;
import org.lmlab.train.Checkpoints;
import org.lmlab.train.RunConfig;
import org.lmlab.train.TrainRun;

/** Opens a finished (or interrupted) run: its resolved config, task and the newest checkpoint's weights. */
final class RunLoader {
    private RunLoader() {}

    static TrainRun.Built load(Path runDir, PrintStream log) {
        RunDir run = RunDir.open(runDir);
        if (!Files.isRegularFile(run.configFile())) {
            throw new BadInputException(runDir + ": not a run directory (no config.yaml)");
        }
        RunConfig c = Configs.load(run.configFile(), List.of(), RunConfig.class);
        TrainRun.Built b = TrainRun.build(c, run, log);
        CheckpointDir cp;
        try {
            cp = run.latestCheckpoint().orElseThrow(() -> new BadInputException(runDir + ": has no checkpoint yet"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Checkpoints.load(cp.dir(), b.model(), null);
        log.println("loaded " + cp.dir());
        return b;
    }
}
