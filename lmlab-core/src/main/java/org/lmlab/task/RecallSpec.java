package org.lmlab.task;

import java.util.List;
import org.lmlab.config.Doc;

/**
 * Multi-query associative recall (config section {@code task.recall}), as in Wen, Dang and Lyu 2024, "RNNs are
 * not Transformers (Yet)", §5: {@code k1 v1 … kN vN SEP q1 … qQ}, N distinct keys, each query a key of the
 * context whose value is the answer.
 */
public record RecallSpec(
        @Doc("N of the held-out set")
        int pairs,
        @Doc("the N's training sequences are drawn from (uniformly); empty = pairs only")
        List<Integer> trainPairs,
        @Doc("key tokens in the vocabulary")
        int keys,
        @Doc("value tokens in the vocabulary")
        int values,
        @Doc("Q, queries per sequence")
        int queries,
        @Doc("retrieval-augmented layout: after each query the model emits the key and a tool appends the " +
                "matching pair from the context (RetrievalTool)")
        boolean retrieval,
        @Doc("N of the first curriculumBatches training batches (a curriculum; 0 = none)")
        int curriculumPairs,
        @Doc("how many training batches use curriculumPairs")
        long curriculumBatches) {

    public RecallSpec {
        trainPairs = trainPairs == null ? List.of() : List.copyOf(trainPairs);
        if (pairs < 1 || keys < 1 || values < 1 || queries < 1 || curriculumPairs < 0 || curriculumBatches < 0) {
            throw new IllegalArgumentException("task.recall: pairs, keys, values and queries must be >= 1");
        }
        for (int n : trainPairs) {
            if (n < 1 || n > keys) {
                throw new IllegalArgumentException("task.recall.train_pairs: " + n + " is not in 1.." + keys);
            }
        }
        if (pairs > keys || curriculumPairs > keys) {
            throw new IllegalArgumentException("task.recall: pairs (" + pairs + ") need as many distinct keys ("
                    + keys + ")");
        }
    }

    public static RecallSpec defaults() {
        return new RecallSpec(32, List.of(8, 16, 32), 32, 32, 16, false, 0, 0);
    }

    /** The largest N any sequence has (fixes the sequence length). */
    public int maxPairs() {
        int m = Math.max(pairs, curriculumPairs);
        for (int n : trainPairs) {
            m = Math.max(m, n);
        }
        return m;
    }

    public RecallSpec withRetrieval(boolean r) {
        return new RecallSpec(pairs, trainPairs, keys, values, queries, r, curriculumPairs, curriculumBatches);
    }

    public RecallSpec withCurriculum(int n, long batches) {
        return new RecallSpec(pairs, trainPairs, keys, values, queries, retrieval, n, batches);
    }
}
