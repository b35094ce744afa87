package org.lmlab.task;

import org.lmlab.config.Doc;

/**
 * IsTree (config section {@code task.is_tree}), the graph task of Wen, Dang and Lyu 2024, "RNNs are not
 * Transformers (Yet)": is a graph of n vertices and n − 1 edges a tree? With chain of thought the model first writes
 * the depth-first tour from vertex 0, which needs in-context retrieval of edges at every step.
 */
public record IsTreeSpec(
        @Doc("n, vertices per graph (4..32); each graph has n − 1 edges")
        int nodes,
        @Doc("whether the depth-first tour from vertex 0 is written before the answer")
        boolean chainOfThought) {

    public IsTreeSpec {
        // Below 4 vertices every n − 1 distinct edges form a tree: there would be no "no" graphs.
        if (nodes < 4 || nodes > 32) {
            throw new IllegalArgumentException("task.is_tree.nodes must be in 4..32, got " + nodes);
        }
    }

    public static IsTreeSpec defaults() {
        return new IsTreeSpec(8, true);
    }
}
