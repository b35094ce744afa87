package org.lmlab.model.moe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lmlab.model.FeedForwardSpec;
import org.lmlab.tensor.Rng;
import org.lmlab.tensor.Tensors;
import org.lmlab.tensor.Torch;

/** The balance loss against hand-computed values and against the loss of the concatenated global batch. */
class LoadBalancingLossTest {
    private static final int E = 4;
    private static final int K = 2;

    @BeforeAll
    static void init() {
        Torch.init();
    }

    @Test
    void handComputedValueAndGradientFlowsThroughPOnly() {
        // 2 tokens, top-2: counts [3, 1, 0, 0] → f = counts/(K·T) = [0.75, 0.25, 0, 0].
        Tensor counts = Tensors.doubles(new double[] {3, 1, 0, 0}, 4).requires_grad_(true);
        Tensor p = Tensors.doubles(new double[] {0.4, 0.3, 0.2, 0.1}, 4).requires_grad_(true);
        Tensor l = LoadBalancingLoss.of(0.1, counts, 2, K, p);
        // α·E·Σ f·P = 0.1·4·(0.75·0.4 + 0.25·0.3) = 0.15
        assertEquals(0.15, l.item_double(), 1e-12);
        l.backward();
        assertArrayEquals(new double[] {0.3, 0.1, 0, 0}, Tensors.toDoubles(p.grad()), 1e-12);
        assertFalse(counts.grad().defined(), "f is a constant: no gradient reaches the counts");
    }

    @Test
    void equalsAlphaAtPerfectBalance() {
        Tensor counts = Tensors.doubles(new double[] {5, 5, 5, 5}, 4);
        Tensor p = Tensors.doubles(new double[] {0.25, 0.25, 0.25, 0.25}, 4);
        assertEquals(0.05, LoadBalancingLoss.of(0.05, counts, 10, K, p).item_double(), 1e-12);
    }

    /** Random router logits of M micro-batches of T tokens each (float64 leaves). */
    private static List<Tensor> logits(int m, int t) {
        Rng.seed(3);
        List<Tensor> out = new ArrayList<>();
        for (int j = 0; j < m; j++) {
            // Micro-batch j prefers expert j % E: single-domain micro-batches route unevenly.
            Tensor bias = torch.zeros(new long[] {E}).to(torch.ScalarType.Double);
            bias.select(0, j % E).fill_(Tensors.s(2.0));
            out.add(torch.randn(new long[] {t, E}).to(torch.ScalarType.Double).add(bias).requires_grad_(true));
        }
        return out;
    }

    private static Tensor counts(Tensor logits) {
        return torch.bincount(logits.softmax(-1).topk(K, -1, true, true).get1().reshape(-1), new TensorOptional(), E);
    }

    /** Runs micro-batches through the accumulator like the trainer and returns the summed loss. */
    private static Tensor accumulated(FeedForwardSpec spec, List<Tensor> micro, BalanceAllReduce reduce) {
        GlobalBatchBalanceLoss g = new GlobalBatchBalanceLoss(spec);
        g.setAllReduce(reduce);
        g.beginStep(micro.size());
        Tensor total = null;
        for (Tensor l : micro) {
            g.record(0, counts(l), l.softmax(-1).mean(0), l.size(0));
            Tensor done = g.endMicroBatch();
            if (done != null) {
                total = total == null ? done : total.add(done);
            }
        }
        assertFalse(g.groupOpen());
        return total;
    }

    @Test
    void globalScopeGivesTheGlobalBatchLossAndGradient() {
        List<Tensor> micro = logits(4, 6);
        FeedForwardSpec global = FeedForwardSpec.moe(E, K, 0, 0.1, FeedForwardSpec.BalanceScope.GLOBAL, 0);
        Tensor viaGroups = accumulated(global, micro, BalanceAllReduce.SINGLE_WORKER);
        Tensor[] gradsGroups = grads(viaGroups, micro);
        // Reference: the whole step as one batch.
        Tensor all = torch.cat(new TensorVector(micro.toArray(Tensor[]::new)));
        Tensor ref = LoadBalancingLoss.of(0.1, counts(all), all.size(0), K, all.softmax(-1).mean(0));
        assertEquals(ref.item_double(), viaGroups.item_double(), 1e-12);
        Tensor[] gradsRef = grads(ref, micro);
        for (int j = 0; j < micro.size(); j++) {
            assertTrue(gradsRef[j].allclose(gradsGroups[j], 1e-12, 1e-14, false), "micro-batch " + j);
        }
    }

    @Test
    void microScopeAndGroupsAverageTheirOwnLosses() {
        List<Tensor> micro = logits(4, 6);
        FeedForwardSpec microSpec = FeedForwardSpec.moe(E, K, 0, 0.1, FeedForwardSpec.BalanceScope.MICRO_BATCH, 0);
        double expected = 0;
        for (Tensor l : micro) {
            expected += LoadBalancingLoss.of(0.1, counts(l), l.size(0), K, l.softmax(-1).mean(0)).item_double() / 4;
        }
        assertEquals(expected, accumulated(microSpec, micro, BalanceAllReduce.SINGLE_WORKER).item_double(), 1e-12);

        FeedForwardSpec pairs = FeedForwardSpec.moe(E, K, 0, 0.1, FeedForwardSpec.BalanceScope.GLOBAL, 2);
        double pairLoss = 0;
        for (int g = 0; g < 2; g++) {
            Tensor both = torch.cat(new TensorVector(micro.get(2 * g), micro.get(2 * g + 1)));
            pairLoss += LoadBalancingLoss.of(0.1, counts(both), both.size(0), K, both.softmax(-1).mean(0))
                    .item_double() / 2;
        }
        assertEquals(pairLoss, accumulated(pairs, micro, BalanceAllReduce.SINGLE_WORKER).item_double(), 1e-12);
        // Single-domain micro-batches are unbalanced alone but balanced together: micro-scope loss is larger.
        assertTrue(expected > accumulated(FeedForwardSpec.moe(E, K, 0, 0.1, FeedForwardSpec.BalanceScope.GLOBAL, 0),
                micro, BalanceAllReduce.SINGLE_WORKER).item_double());
    }

    @Test
    void groupLossIsReleasedOnlyWhenTheGroupCloses() {
        List<Tensor> micro = logits(3, 4);
        GlobalBatchBalanceLoss g = new GlobalBatchBalanceLoss(
                FeedForwardSpec.moe(E, K, 0, 0.1, FeedForwardSpec.BalanceScope.GLOBAL, 2));
        g.beginStep(3);
        g.record(0, counts(micro.get(0)), micro.get(0).softmax(-1).mean(0), 4);
        assertNull(g.endMicroBatch());
        assertTrue(g.groupOpen());
        g.record(0, counts(micro.get(1)), micro.get(1).softmax(-1).mean(0), 4);
        assertTrue(g.endMicroBatch() != null && !g.groupOpen());
        g.record(0, counts(micro.get(2)), micro.get(2).softmax(-1).mean(0), 4);
        assertTrue(g.endMicroBatch() != null, "the last, partial group closes with the step");
    }

    @Test
    void allReduceSumsCountsOverWorkers() {
        List<Tensor> micro = logits(2, 5);
        FeedForwardSpec global = FeedForwardSpec.moe(E, K, 0, 0.1, FeedForwardSpec.BalanceScope.GLOBAL, 0);
        double one = accumulated(global, micro, BalanceAllReduce.SINGLE_WORKER).item_double();
        // Two workers that saw identical data: counts and tokens double, f (and the loss) stay the same.
        assertEquals(one, accumulated(global, micro, x -> x.mul(Tensors.s(2.0))).item_double(), 1e-12);
        // A second worker whose 10 tokens all went to experts 2 and 3 (20 assignments): f = (c + [0,0,10,10])/(K·20).
        Tensor other = Tensors.doubles(new double[] {0, 0, 10, 10, 10}, 5);
        double shifted = accumulated(global, micro, x -> x.add(other)).item_double();
        Tensor all = torch.cat(new TensorVector(micro.get(0), micro.get(1)));
        Tensor c = counts(all).to(torch.ScalarType.Double).add(Tensors.doubles(new double[] {0, 0, 10, 10}, 4));
        double ref = LoadBalancingLoss.of(0.1, c, 20, K, all.softmax(-1).mean(0)).item_double();
        assertEquals(ref, shifted, 1e-12);
    }

    private static Tensor[] grads(Tensor loss, List<Tensor> leaves) {
        for (Tensor l : leaves) {
            if (l.grad().defined()) {
                l.mutable_grad().reset();
            }
        }
        loss.backward();
        return leaves.stream().map(l -> l.grad().clone()).toArray(Tensor[]::new);
    }
}
