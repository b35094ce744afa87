/**
 * The training loop and everything it leaves behind.
 *
 * <p>{@link org.lmlab.train.TrainRun} turns a {@link org.lmlab.train.RunConfig} into a run directory and a
 * {@link org.lmlab.train.Trainer}, which steps the optimizer (one {@code PointerScope} per update, gradient
 * accumulation over micro-batches), evaluates, checkpoints atomically ({@link org.lmlab.train.Checkpoints}),
 * appends {@code metrics.jsonl}, and tells {@link org.lmlab.train.Listener}s (progress line, probes). Resume loads
 * the newest checkpoint — weights, optimizer state, RNG, step — and continues bit for bit. A NaN/Inf loss stops the
 * run before the bad update, keeping the last good checkpoint.
 */
package org.lmlab.train;
