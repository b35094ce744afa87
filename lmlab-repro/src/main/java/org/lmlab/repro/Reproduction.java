package org.lmlab.repro;

/**
 * One paper's headline phenomenon, reproduced at small scale. Implementations are stateless; everything a run
 * needs arrives in the {@link ReproContext}. The full run fits ~10 minutes on a 2-core CPU, {@code quick} about
 * one minute, and the verdict must hold on any seed.
 */
public interface Reproduction {
    /** The command name, e.g. {@code sam-sharpness}. */
    String name();

    /** The paper's title. */
    String paper();

    /** Trains, measures and judges; writes its report body, plots and sub-runs under {@link ReproContext#dir()}. */
    Verdict run(ReproContext ctx) throws Exception;
}
