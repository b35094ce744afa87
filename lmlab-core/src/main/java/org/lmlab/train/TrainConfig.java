package org.lmlab.train;

import org.lmlab.config.Doc;

/**
 * Trainer settings (config section {@code train}).
 */
public record TrainConfig(
        @Doc("optimizer updates in the whole run")
        long steps,
        @Doc("sequences per micro-batch")
        int batchSize,
        @Doc("micro-batches accumulated into one update (tokens per update = " +
                "batchSize·gradAccum·seqLen)")
        int gradAccum,
        @Doc("evaluate every this many updates (0 = only at the end)")
        long evalEvery,
        @Doc("held-out batches per evaluation")
        int evalBatches,
        @Doc("checkpoint every this many updates (0 = only at the end)")
        long checkpointEvery,
        @Doc("how many of the newest checkpoints to keep (older ones are deleted)")
        int keepCheckpoints,
        @Doc("print a progress line every this many updates")
        long logEvery) {

    public TrainConfig {
        if (steps <= 0 || batchSize <= 0 || gradAccum <= 0) {
            throw new IllegalArgumentException("steps, batch_size and grad_accum must be > 0");
        }
        if (evalEvery < 0 || checkpointEvery < 0 || evalBatches <= 0 || keepCheckpoints <= 0 || logEvery <= 0) {
            throw new IllegalArgumentException(
                    "eval_every and checkpoint_every must be >= 0; eval_batches, keep_checkpoints, log_every > 0");
        }
    }

    public static TrainConfig defaults() {
        return new TrainConfig(1000, 16, 1, 200, 8, 500, 2, 10);
    }

    public TrainConfig withSteps(long s) {
        return new TrainConfig(s, batchSize, gradAccum, evalEvery, evalBatches, checkpointEvery, keepCheckpoints,
                logEvery);
    }
}
