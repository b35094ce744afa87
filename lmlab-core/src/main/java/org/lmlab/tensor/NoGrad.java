package org.lmlab.tensor;

import org.bytedeco.pytorch.GradMode;

/**
 * Disables autograd recording for a block: {@code try (var g = NoGrad.enter()) { ... }}. Restores the previous
 * mode on close, so blocks nest.
 */
public final class NoGrad implements AutoCloseable {
    private final boolean previous;

    private NoGrad() {
        previous = GradMode.is_enabled();
        GradMode.set_enabled(false);
    }

    public static NoGrad enter() {
        return new NoGrad();
    }

    @Override
    public void close() {
        GradMode.set_enabled(previous);
    }
}
