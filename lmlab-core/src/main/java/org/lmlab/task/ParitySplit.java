package org.lmlab.task;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.lmlab.config.BadInputException;

/**
 * Splits the C(d, k) secrets of Parity(d, k) into training and held-out tasks so that every index appears in every
 * role it can take: if some secret has index i at sorted position j (role j), some training secret does too.
 * Without this a held-out task can ask for an index in a role never trained (the calibration runs of the brief
 * found such splits unlearnable). Seeded randomized greedy selections are tried until one covers every
 * (role, index) pair; when the training set is too small for that, the one covering the most.
 */
public final class ParitySplit {
    private static final int ATTEMPTS = 5000;

    private ParitySplit() {}

    /** The split: training secrets first, held-out after; each secret is a sorted index array. */
    public record Split(List<int[]> train, List<int[]> heldOut, boolean fullCoverage) {}

    public static List<int[]> allSecrets(int d, int k) {
        List<int[]> out = new ArrayList<>();
        collect(d, k, 0, new int[k], 0, out);
        return out;
    }

    private static void collect(int d, int k, int from, int[] cur, int depth, List<int[]> out) {
        if (depth == k) {
            out.add(cur.clone());
            return;
        }
        for (int i = from; i < d; i++) {
            cur[depth] = i;
            collect(d, k, i + 1, cur, depth + 1, out);
        }
    }

    public static Split split(int d, int k, int trainTasks, Random r) {
        List<int[]> all = allSecrets(d, k);
        if (trainTasks >= all.size()) {
            throw new BadInputException("task.parity.train_tasks: " + trainTasks + " leaves no held-out task of the "
                    + all.size() + " secrets of Parity(" + d + ", " + k + ")");
        }
        int needed = coverage(all, d, k);
        List<int[]> best = null;
        int bestCover = -1;
        for (int a = 0; a < ATTEMPTS && bestCover < needed; a++) {
            List<int[]> candidate = greedy(all, d, k, trainTasks, r);
            int cover = coverage(candidate.subList(0, trainTasks), d, k);
            if (cover > bestCover) {
                bestCover = cover;
                best = candidate;
            }
        }
        return new Split(List.copyOf(best.subList(0, trainTasks)), List.copyOf(best.subList(trainTasks, all.size())),
                bestCover == needed);
    }

    /**
     * A randomized greedy order: in a shuffled order, repeatedly take the first secret adding the most uncovered
     * (role, index) pairs, until {@code m} are taken; the rest follow in shuffled order.
     */
    private static List<int[]> greedy(List<int[]> all, int d, int k, int m, Random r) {
        List<int[]> rest = new ArrayList<>(all);
        Collections.shuffle(rest, r);
        List<int[]> taken = new ArrayList<>();
        boolean[][] seen = new boolean[k][d];
        while (taken.size() < m) {
            int bestIndex = 0;
            int bestGain = -1;
            for (int i = 0; i < rest.size(); i++) {
                int gain = 0;
                for (int j = 0; j < k; j++) {
                    gain += seen[j][rest.get(i)[j]] ? 0 : 1;
                }
                if (gain > bestGain) {
                    bestGain = gain;
                    bestIndex = i;
                }
            }
            int[] s = rest.remove(bestIndex);
            for (int j = 0; j < k; j++) {
                seen[j][s[j]] = true;
            }
            taken.add(s);
        }
        taken.addAll(rest);
        return taken;
    }

    /** Number of distinct (role, index) pairs the secrets cover. */
    static int coverage(List<int[]> secrets, int d, int k) {
        boolean[][] seen = new boolean[k][d];
        int n = 0;
        for (int[] s : secrets) {
            for (int j = 0; j < k; j++) {
                if (!seen[j][s[j]]) {
                    seen[j][s[j]] = true;
                    n++;
                }
            }
        }
        return n;
    }
}
