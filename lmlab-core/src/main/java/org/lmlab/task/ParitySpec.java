package org.lmlab.task;

import org.lmlab.config.Doc;
/**
 * In-context sparse parity (config section {@code task.parity}), the compositional task of Abedsoltan, Zhang, Wen
 * et al. 2025, "Task Generalization with AutoRegressive Compositional Structure", §4: Parity(d, k) has C(d, k)
 * tasks, one per secret S = {s1 < … < sk}; with chain of thought each example shows the prefix parities
 * c_j = x_{s1} ⊕ … ⊕ x_{sj}.
 */
public record ParitySpec(
        @Doc("d")
        int bits,
        @Doc("k")
        int secretSize,
        @Doc("how many of the C(d, k) secrets are trained on (the rest are held out)")
        int trainTasks,
        @Doc("examples per sequence, the last one being the query")
        int examples,
        @Doc("whether examples show c_1 … c_k (else only the parity c_k)")
        boolean chainOfThought,
        @Doc("one token per example: x as ONE binary-coded token embedded as W·(2x − 1) (else one token per bit)")
        boolean vectorInput) {

    public ParitySpec {
        if (vectorInput && bits > 20) {
            throw new IllegalArgumentException("task.parity.vector_input codes at most 20 bits per token");
        }
        if (bits < 2 || secretSize < 1 || secretSize > bits || examples < 2 || trainTasks < 1) {
            throw new IllegalArgumentException("task.parity needs bits >= 2, 1 <= secret_size <= bits, examples >= 2"
                    + " and train_tasks >= 1");
        }
    }

    /** One token per bit. */
    public ParitySpec(int bits, int secretSize, int trainTasks, int examples, boolean chainOfThought) {
        this(bits, secretSize, trainTasks, examples, chainOfThought, false);
    }

    public static ParitySpec defaults() {
        return new ParitySpec(8, 2, 14, 13, true);
    }

    public ParitySpec withChainOfThought(boolean cot) {
        return new ParitySpec(bits, secretSize, trainTasks, examples, cot, vectorInput);
    }

    public ParitySpec withVectorInput(boolean v) {
        return new ParitySpec(bits, secretSize, trainTasks, examples, chainOfThought, v);
    }

    public ParitySpec withTrainTasks(int n) {
        return new ParitySpec(bits, secretSize, n, examples, chainOfThought, vectorInput);
    }
}
