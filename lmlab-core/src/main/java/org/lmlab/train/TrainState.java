package org.lmlab.train;

/**
 * Where a run stands: completed updates (also the data cursor — the next training batch is
 * {@code step·gradAccum}) and tokens consumed. Saved in each checkpoint's {@code state.json} with the RNG state.
 */
public record TrainState(long step, long tokens) {}
