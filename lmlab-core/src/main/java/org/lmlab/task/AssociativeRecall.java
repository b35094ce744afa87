package org.lmlab.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.lmlab.model.Decoder;
import org.lmlab.tensor.Rng;
import org.lmlab.tensor.Tensors;

/**
 * Multi-query associative recall (Wen, Dang and Lyu 2024, "RNNs are not Transformers (Yet)", §5; Arora et al.
 * 2023's MQAR): a context of N key–value pairs with distinct keys, a separator, then Q queries, each a key of the
 * context whose value is the answer:
 * <pre>
 *   plain:      [PAD…] k1 v1 … kN vN SEP q1 q2 … qQ              targets: v(q_j) at q_j, nothing elsewhere
 *   retrieval:  [PAD…] k1 v1 … kN vN SEP q1 k v  q2 k v …          targets: q_j (the key the model emits) at q_j,
 *                                                                  v(q_j) at the appended v
 * </pre>
 * In the retrieval layout the model first emits the key to look up; a tool ({@link RetrievalTool}) finds it in the
 * context and appends the matching pair, and the model answers after it. Token ids: keys 0..K−1, values
 * K..K+V−1, SEP = K+V, PAD = K+V+1. A batch holds one N (training draws N per batch), so its rows are 2N + 1 +
 * Q·(1 or 3) tokens long and unpadded; rows of different N in one {@link #encode} call are left-padded to the
 * longest. Padding every sequence to the largest N instead (as this class once did) kept a 2-layer Transformer
 * on the ~20% plateau even at N = 8: 48 leading PAD tokens, and it never found the previous-token head (measured:
 * RoPE, N = 8, 600 steps, 0.21 padded vs 1.00 by step 400 unpadded). Values are drawn independently per pair;
 * queries are distinct keys while Q ≤ N, else rounds of a shuffled key order.
 */
public final class AssociativeRecall implements Task {
    private final RecallSpec spec;
    private final long seed;
    private final int sep;
    private final int pad;

    public AssociativeRecall(RecallSpec spec, long seed) {
        this.spec = spec;
        this.seed = seed;
        this.sep = spec.keys() + spec.values();
        this.pad = sep + 1;
    }

    public RecallSpec spec() {
        return spec;
    }

    /** One sequence's content: its keys and values (in context order) and its queried keys. */
    record Instance(int[] keys, int[] values, int[] queries) {
        int valueOf(int key) {
            for (int i = 0; i < keys.length; i++) {
                if (keys[i] == key) {
                    return values[i];
                }
            }
            return -1;
        }
    }

    @Override
    public int vocabSize() {
        return spec.keys() + spec.values() + 2;
    }

    /** The longest row: N = the largest N of any batch (shorter N give shorter batches). */
    @Override
    public int seqLen() {
        return seqLen(spec.maxPairs());
    }

    /** Length of a row with {@code n} pairs: context 2n, SEP, then the queries (3 slots each when retrieving). */
    int seqLen(int n) {
        return 2 * n + 1 + (spec.retrieval() ? 3 : 1) * spec.queries();
    }

    public int sepToken() {
        return sep;
    }

    public int padToken() {
        return pad;
    }

    /** Position of query j's token in a held-out row (N = pairs), in either layout. */
    public int queryPosition(int j) {
        return 2 * spec.pairs() + 1 + (spec.retrieval() ? 3 * j : j);
    }

    /** N of training batch {@code index}: the curriculum's N first, then uniform over the training N's. */
    int pairsOf(long index, Random r) {
        if (index < spec.curriculumBatches() && spec.curriculumPairs() > 0) {
            return spec.curriculumPairs();
        }
        List<Integer> ns = spec.trainPairs().isEmpty() ? List.of(spec.pairs()) : spec.trainPairs();
        return ns.get(r.nextInt(ns.size()));
    }

    @Override
    public Batch trainBatch(long index, int batchSize) {
        Random r = new Random(Rng.mix(seed, index));
        int n = pairsOf(index, r);
        List<Instance> rows = new ArrayList<>();
        for (int b = 0; b < batchSize; b++) {
            rows.add(instance(n, r));
        }
        return encode(rows);
    }

    /** The fixed held-out set: sequences with N = {@code pairs}. */
    public List<Instance> heldOut(int count) {
        Random r = new Random(Rng.mix(seed, -7));
        List<Instance> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(instance(spec.pairs(), r));
        }
        return out;
    }

    @Override
    public List<Batch> evalBatches(int batchSize, int maxBatches) {
        List<Instance> all = heldOut(batchSize * maxBatches);
        List<Batch> out = new ArrayList<>();
        for (int i = 0; i < maxBatches; i++) {
            out.add(encode(all.subList(i * batchSize, (i + 1) * batchSize)));
        }
        return out;
    }

    Instance instance(int n, Random r) {
        int[] perm = permutation(spec.keys(), r);
        int[] keys = java.util.Arrays.copyOf(perm, n);
        int[] values = new int[n];
        for (int i = 0; i < n; i++) {
            values[i] = spec.keys() + r.nextInt(spec.values());
        }
        int[] queries = new int[spec.queries()];
        int[] order = permutation(n, r);
        for (int j = 0; j < queries.length; j++) {
            if (j > 0 && j % n == 0) {
                order = permutation(n, r);
            }
            queries[j] = keys[order[j % n]];
        }
        return new Instance(keys, values, queries);
    }

    private static int[] permutation(int n, Random r) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /**
     * Token rows and targets of {@code rows} in this task's layout (retrieval slots hold the true pairs), as long
     * as the row with the most pairs requires; shorter rows are left-padded.
     */
    Batch encode(List<Instance> rows) {
        int most = rows.stream().mapToInt(x -> x.keys().length).max().orElse(0);
        int contextLen = 2 * most + 1;
        int len = seqLen(most);
        long[] in = new long[rows.size() * len];
        long[] tg = new long[rows.size() * len];
        java.util.Arrays.fill(tg, Decoder.IGNORE);
        for (int b = 0; b < rows.size(); b++) {
            Instance x = rows.get(b);
            int o = b * len;
            int start = contextLen - 1 - 2 * x.keys().length;
            java.util.Arrays.fill(in, o, o + start, pad);
            for (int i = 0; i < x.keys().length; i++) {
                in[o + start + 2 * i] = x.keys()[i];
                in[o + start + 2 * i + 1] = x.values()[i];
            }
            in[o + contextLen - 1] = sep;
            for (int j = 0; j < x.queries().length; j++) {
                int q = x.queries()[j];
                int p = o + contextLen + (spec.retrieval() ? 3 * j : j);
                in[p] = q;
                if (spec.retrieval()) {
                    tg[p] = q;
                    in[p + 1] = q;
                    in[p + 2] = x.valueOf(q);
                    tg[p + 2] = x.valueOf(q);
                } else {
                    tg[p] = x.valueOf(q);
                }
            }
        }
        return new Batch(Tensors.longs(in, rows.size(), len), Tensors.longs(tg, rows.size(), len));
    }

    @Override
    public String describe() {
        return "associative recall: N = " + spec.pairs() + " pairs (training N " + spec.trainPairs() + "), "
                + spec.queries() + " queries, " + spec.keys() + " keys, " + spec.values() + " values"
                + (spec.retrieval() ? ", retrieval-augmented" : "");
    }
}
