package org.lmlab.run;

import java.io.IOException;

/**
 * A consumer that may throw {@link IOException} — what writers passed to {@link AtomicFiles} and
 * {@link RunDir#writeCheckpoint} are, so they can do I/O without wrapping every call.
 *
 * @param <T> what is consumed: an output stream, a directory to fill
 */
@FunctionalInterface
public interface IOConsumer<T> {
    void accept(T value) throws IOException;
}
