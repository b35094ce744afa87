package org.lmlab.train;

/** The loss or gradient became NaN/Inf; the message says at which step and where the last good checkpoint is. */
public final class TrainingDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final long lastGoodStep;

    public TrainingDivergedException(String message, long lastGoodStep) {
        super(message);
        this.lastGoodStep = lastGoodStep;
    }

    public long lastGoodStep() {
        return lastGoodStep;
    }
}
