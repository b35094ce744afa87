package org.lmlab.sweep;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs trials one after another in this JVM (no process start-up; used by tests and tiny sweeps). Several sweeps
 * may run concurrently on their own Java threads, each with its own InProcessExecutor: {@link TrialRunner} prepares
 * one trial at a time (initial weights come from libtorch's process-global generator) and training draws nothing
 * global, so every trial is what it would be alone (given the same intra-op thread count).
 */
public final class InProcessExecutor implements Executor {
    @Override
    public void run(List<TrialJob> jobs, Consumer<TrialResult> onResult) {
        for (TrialJob job : jobs) {
            try {
                Files.createDirectories(job.logFile().getParent());
                try (OutputStream file = Files.newOutputStream(job.logFile(), StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
                        PrintStream log = new PrintStream(file, true, StandardCharsets.UTF_8)) {
                    onResult.accept(TrialRunner.run(job.trial(), job.config(), job.trialsRoot(), job.metric(), log));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
