/**
 * Sweeps: many training runs that differ in a few hyperparameters, chosen by a {@link org.lmlab.sweep.Strategy}
 * and executed by an {@link org.lmlab.sweep.Executor}.
 *
 * <p>A trial is a pure function config → run directory: its config is the base config with the trial's
 * {@code key=value} overrides, its run directory is {@code <sweep>/trials/<trial id>/}, and its result (status and
 * metric) is read back from that directory's {@code summary.json}. Because of that, executors are
 * interchangeable — {@link org.lmlab.sweep.InProcessExecutor} runs trials one after another in this JVM,
 * {@link org.lmlab.sweep.LocalExecutor} runs them as parallel child processes within a thread budget, and a Spark
 * executor can run the same function on a cluster — and an interrupted sweep resumes: finished trials are read from
 * {@code trials.jsonl} and never redone; a trial killed half-way resumes from its newest checkpoint.
 *
 * <p>Strategies are pure functions of the results so far ({@link org.lmlab.sweep.Strategy#next}), which is what
 * makes resuming a coordinate descent exact. Diverged and failed trials are recorded with their reason and count
 * as worse than any finished trial; they are never silently dropped.
 *
 * <pre>{@code
 * # sweep.yaml
 * name: lr-wd
 * base: ../configs/reference.yaml
 * overrides: [train.steps=200]
 * strategy: coordinate-descent
 * parameters:
 *   optim.lr: [1e-3, 3e-3, 1e-2]
 *   optim.weight_decay: [0, 0.1, 0.3]
 * }</pre>
 * {@code ./lmlab sweep sweep.yaml --parallel 2} then {@code ./lmlab runs "select * from trials order by metric"}.
 */
package org.lmlab.sweep;
