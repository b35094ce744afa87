package org.lmlab.optim;

/** Thrown by {@link Optimizer#step} before any parameter changes when the loss or gradient norm is NaN/Inf. */
public final class NonFiniteException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NonFiniteException(String message) {
        super(message);
    }
}
