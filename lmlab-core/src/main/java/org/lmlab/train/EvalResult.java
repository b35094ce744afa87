package org.lmlab.train;

/**
 * Held-out metrics: mean cross-entropy per scored token, and accuracy of the argmax prediction on scored tokens
 * (for synthetic tasks: the answer positions).
 */
public record EvalResult(double loss, double accuracy, long tokens) {}
