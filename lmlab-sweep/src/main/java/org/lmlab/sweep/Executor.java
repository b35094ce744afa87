package org.lmlab.sweep;

import java.util.List;
import java.util.function.Consumer;

/**
 * Runs a batch of trial jobs and reports each result as it finishes ({@code onResult} may be called from any
 * thread, one call at a time). Executors differ only in where the trial function runs: this JVM, local child
 * processes, or a cluster — the sweep logic never knows which.
 */
public interface Executor extends AutoCloseable {
    void run(List<TrialJob> jobs, Consumer<TrialResult> onResult);

    @Override
    default void close() {}
}
