package org.lmlab.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lmlab.model.Decoder;
import org.lmlab.tensor.Tensors;
import org.lmlab.tensor.Torch;

/** Graphs, tours and the token layout of IsTree, against hand-worked graphs and an independent connectivity check. */
class IsTreeTest {
    @BeforeAll
    static void init() {
        Torch.init();
    }

    /** Connected components by repeated edge relaxation (union by minimum label), independent of the DFS. */
    private static int components(int n, int[][] edges) {
        int[] label = new int[n];
        for (int v = 0; v < n; v++) {
            label[v] = v;
        }
        for (boolean changed = true; changed; ) {
            changed = false;
            for (int[] e : edges) {
                int m = Math.min(label[e[0]], label[e[1]]);
                if (label[e[0]] != m || label[e[1]] != m) {
                    label[e[0]] = m;
                    label[e[1]] = m;
                    changed = true;
                }
            }
        }
        return (int) java.util.Arrays.stream(label).distinct().count();
    }

    @Test
    void tourHandChecked() {
        // 0–2, 2–1, 0–3: tour 0 2 1 2 0 3 0.
        assertArrayEquals(new int[] {0, 2, 1, 2, 0, 3, 0}, IsTree.tour(4, new int[][] {{2, 0}, {1, 2}, {3, 0}}));
        // A triangle 0 1 2 and vertex 3 alone: the tour stays in 0's component.
        assertArrayEquals(new int[] {0, 1, 2, 1, 0}, IsTree.tour(4, new int[][] {{0, 1}, {1, 2}, {2, 0}}));
    }

    @Test
    void treesAreConnectedAndNonTreesAreNot() {
        Random r = new Random(3);
        for (int n : new int[] {4, 5, 8, 12}) {
            for (int i = 0; i < 200; i++) {
                int[][] t = IsTree.randomTree(n, r);
                int[][] f = IsTree.randomNonTree(n, r);
                assertEquals(n - 1, t.length);
                assertEquals(n - 1, f.length);
                assertEquals(1, components(n, t));
                assertEquals(2, components(n, f), "one edge moved inside a component: two components, one cycle");
                java.util.Set<String> distinct = new java.util.HashSet<>();
                for (int[] e : f) {
                    assertTrue(e[0] != e[1]);
                    distinct.add(Math.min(e[0], e[1]) + "-" + Math.max(e[0], e[1]));
                }
                assertEquals(n - 1, distinct.size(), "no repeated edge");
            }
        }
    }

    @Test
    void layoutTargetsAndBalance() {
        IsTree task = new IsTree(new IsTreeSpec(4, true), 1);
        assertEquals(6 + 1 + 7 + 1, task.seqLen());
        long[] seq = task.sequence(new int[][] {{0, 1}, {1, 2}, {2, 0}});
        assertArrayEquals(new long[] {0, 1, 1, 2, 2, 0, task.query(), 0, 1, 2, 1, 0, task.pad(), task.pad(),
            task.no()}, seq);
        Batch b = task.trainBatch(0, 400);
        long[] in = Tensors.toLongs(b.inputs());
        long[] tg = Tensors.toLongs(b.targets());
        int len = task.seqLen();
        int yes = 0;
        for (int i = 0; i < 400; i++) {
            assertEquals(Decoder.IGNORE, tg[i * len + 5], "edges are not predicted");
            for (int p = task.marker(); p < len - 1; p++) {
                assertEquals(in[i * len + p + 1], tg[i * len + p]);
            }
            yes += in[i * len + len - 1] == task.yes() ? 1 : 0;
        }
        assertTrue(yes > 160 && yes < 240, "about half trees: " + yes);
        assertEquals(6 + 1 + 1, new IsTree(new IsTreeSpec(4, false), 1).seqLen());
        assertThrows(IllegalArgumentException.class, () -> new IsTreeSpec(3, true));
    }
}
