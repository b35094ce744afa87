package org.lmlab.task;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.lmlab.model.Decoder;
import org.lmlab.tensor.Rng;
import org.lmlab.tensor.Tensors;

/**
 * IsTree (Wen, Dang, Lyu 2024, "RNNs are not Transformers (Yet)", §6): a graph on vertices 0 … n−1 with n − 1
 * edges is a tree iff it is connected. A sequence lists the edges in random order and orientation, then asks:
 * <pre>
 *   u1 v1 u2 v2 … u_{n−1} v_{n−1}  >  t_1 … t_{2n−1}  ANSWER        (with chain of thought)
 *   u1 v1 … u_{n−1} v_{n−1}  >  ANSWER                               (without)
 * </pre>
 * where t is the depth-first tour from vertex 0 — each vertex on entry and again after each child returns,
 * neighbours in increasing order — padded with PAD to 2n − 1 slots (a connected graph's tour fills them exactly),
 * and ANSWER is YES iff the tour reached every vertex. Half the graphs are trees (uniform, from Prüfer sequences),
 * half are not: a tree with one edge moved inside a component, closing a cycle and splitting off the rest. Tokens:
 * vertices 0 … n−1, then {@code >}, PAD, NO, YES. Targets: every token after {@code >}.
 */
public final class IsTree implements Task {
    private final IsTreeSpec spec;
    private final long seed;

    public IsTree(IsTreeSpec spec, long seed) {
        this.spec = spec;
        this.seed = seed;
    }

    public int query() {
        return spec.nodes();
    }

    public int pad() {
        return spec.nodes() + 1;
    }

    public int no() {
        return spec.nodes() + 2;
    }

    public int yes() {
        return spec.nodes() + 3;
    }

    @Override
    public int vocabSize() {
        return spec.nodes() + 4;
    }

    /** Position of {@code >}; the tour (if any) and the answer follow it. */
    public int marker() {
        return 2 * (spec.nodes() - 1);
    }

    @Override
    public int seqLen() {
        return marker() + 1 + (spec.chainOfThought() ? 2 * spec.nodes() - 1 : 0) + 1;
    }

    @Override
    public Batch trainBatch(long index, int batchSize) {
        return batch(new Random(Rng.mix(seed, index)), batchSize);
    }

    @Override
    public List<Batch> evalBatches(int batchSize, int maxBatches) {
        Random r = new Random(Rng.mix(seed, -7));
        List<Batch> out = new ArrayList<>();
        for (int i = 0; i < maxBatches; i++) {
            out.add(batch(r, batchSize));
        }
        return out;
    }

    /** {@code batchSize} graphs, each a tree with probability ½. */
    public Batch batch(Random r, int batchSize) {
        int len = seqLen();
        long[] in = new long[batchSize * len];
        long[] tg = new long[batchSize * len];
        Arrays.fill(tg, Decoder.IGNORE);
        for (int b = 0; b < batchSize; b++) {
            int[][] edges = r.nextBoolean() ? randomTree(spec.nodes(), r) : randomNonTree(spec.nodes(), r);
            long[] seq = sequence(edges);
            System.arraycopy(seq, 0, in, b * len, len);
            for (int p = marker(); p < len - 1; p++) {
                tg[b * len + p] = seq[p + 1];
            }
        }
        return new Batch(Tensors.longs(in, batchSize, len), Tensors.longs(tg, batchSize, len));
    }

    /** The full token sequence of a graph given by its edges (order and orientation as given). */
    long[] sequence(int[][] edges) {
        long[] seq = new long[seqLen()];
        for (int e = 0; e < edges.length; e++) {
            seq[2 * e] = edges[e][0];
            seq[2 * e + 1] = edges[e][1];
        }
        seq[marker()] = query();
        int[] tour = tour(spec.nodes(), edges);
        int p = marker() + 1;
        if (spec.chainOfThought()) {
            for (int i = 0; i < 2 * spec.nodes() - 1; i++) {
                seq[p++] = i < tour.length ? tour[i] : pad();
            }
        }
        boolean tree = tour.length == 2 * spec.nodes() - 1;
        seq[p] = tree ? yes() : no();
        return seq;
    }

    /** Depth-first tour from vertex 0: each vertex on entry and after each child's return; neighbours ascending. */
    static int[] tour(int n, int[][] edges) {
        boolean[][] adj = new boolean[n][n];
        for (int[] e : edges) {
            adj[e[0]][e[1]] = true;
            adj[e[1]][e[0]] = true;
        }
        List<Integer> out = new ArrayList<>();
        visit(0, adj, new boolean[n], out);
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static void visit(int v, boolean[][] adj, boolean[] seen, List<Integer> out) {
        seen[v] = true;
        out.add(v);
        for (int u = 0; u < adj.length; u++) {
            if (adj[v][u] && !seen[u]) {
                visit(u, adj, seen, out);
                out.add(v);
            }
        }
    }

    /** A uniform labelled tree from a random Prüfer sequence, edges shuffled and randomly oriented. */
    static int[][] randomTree(int n, Random r) {
        int[] prufer = new int[n - 2];
        int[] degree = new int[n];
        Arrays.fill(degree, 1);
        for (int i = 0; i < prufer.length; i++) {
            prufer[i] = r.nextInt(n);
            degree[prufer[i]]++;
        }
        int[][] edges = new int[n - 1][];
        int e = 0;
        for (int p : prufer) {
            for (int leaf = 0; leaf < n; leaf++) {
                if (degree[leaf] == 1) {
                    edges[e++] = new int[] {leaf, p};
                    degree[leaf]--;
                    degree[p]--;
                    break;
                }
            }
        }
        int u = -1;
        for (int v = 0; v < n; v++) {
            if (degree[v] == 1) {
                if (u < 0) {
                    u = v;
                } else {
                    edges[e] = new int[] {u, v};
                }
            }
        }
        return shuffled(edges, r);
    }

    /**
     * n − 1 edges that are not a tree: a random tree loses one edge (two components) and gains an edge between two
     * non-adjacent vertices of its larger component, closing a cycle there.
     */
    static int[][] randomNonTree(int n, Random r) {
        while (true) {
            int[][] edges = randomTree(n, r);
            int cut = r.nextInt(edges.length);
            int[][] rest = new int[n - 2][];
            for (int i = 0, j = 0; i < edges.length; i++) {
                if (i != cut) {
                    rest[j++] = edges[i];
                }
            }
            int[] side = tour(n, rest);
            boolean[] inZero = new boolean[n];
            for (int v : side) {
                inZero[v] = true;
            }
            int zeroSize = (side.length + 1) / 2;
            boolean big = zeroSize * 2 >= n;
            List<int[]> candidates = new ArrayList<>();
            boolean[][] adj = new boolean[n][n];
            for (int[] e : rest) {
                adj[e[0]][e[1]] = true;
                adj[e[1]][e[0]] = true;
            }
            for (int a = 0; a < n; a++) {
                for (int b = a + 1; b < n; b++) {
                    if (inZero[a] == big && inZero[b] == big && !adj[a][b]) {
                        candidates.add(new int[] {a, b});
                    }
                }
            }
            if (!candidates.isEmpty()) {
                int[][] out = Arrays.copyOf(rest, n - 1);
                out[n - 2] = candidates.get(r.nextInt(candidates.size()));
                return shuffled(out, r);
            }
        }
    }

    private static int[][] shuffled(int[][] edges, Random r) {
        int[][] out = new int[edges.length][];
        for (int i = 0; i < edges.length; i++) {
            out[i] = r.nextBoolean() ? new int[] {edges[i][0], edges[i][1]} : new int[] {edges[i][1], edges[i][0]};
        }
        for (int i = out.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int[] t = out[i];
            out[i] = out[j];
            out[j] = t;
        }
        return out;
    }

    @Override
    public String describe() {
        return "IsTree on " + spec.nodes() + " vertices (" + (spec.nodes() - 1) + " edges, half trees), "
                + (spec.chainOfThought() ? "with the depth-first tour as chain of thought" : "answer only");
    }
}
