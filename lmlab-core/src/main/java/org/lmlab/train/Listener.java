package org.lmlab.train;

import java.nio.file.Path;

/**
 * Observes a training run. Listeners read; they never change the trainer's state (data flows one way). Probes
 * that need activations attach hook points in {@link #onStep} or {@link #onEval} and remove them before returning.
 */
public interface Listener {
    /** After every update. */
    default void onStep(StepInfo info) {}

    /** After every evaluation. */
    default void onEval(long step, EvalResult result) {}

    /** After a checkpoint was published. */
    default void onCheckpoint(long step, Path dir) {}

    /** What the trainer did on an update: step is the number of completed updates (1-based). */
    record StepInfo(long step, long totalSteps, double loss, double lr, double gradNorm, long tokens,
            double stepSeconds, long tokensThisStep) {}
}
