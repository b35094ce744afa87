package org.lmlab.train;

/** The outcome of {@link Trainer#run}: written as {@code summary.json}. */
public record TrainSummary(String status, long steps, long tokens, double finalTrainLoss, EvalResult finalEval,
        double seconds, String reason) {}
