package org.lmlab.model.moe;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.lmlab.model.FeedForwardSpec;
import org.lmlab.tensor.Tensors;

/**
 * Micro-batch and global-batch load balancing (Qiu et al. 2025, "Demons in the Detail", §3): the
 * {@link LoadBalancingLoss} of every MoE layer, with the expert frequencies f counted over a <em>balance
 * group</em> of micro-batches (and, through {@link BalanceAllReduce}, over all data-parallel workers) while each
 * micro-batch keeps its own mean router probabilities P:
 * <pre>
 *   L_aux = Σ_layers Σ_{groups g} Σ_{micro-batches j ∈ g} (1/M) · α·E·Σᵢ fᵢ^(g)·Pᵢ^(j),
 *   fᵢ^(g) = Σ_{j∈g} countᵢ^(j) / (K · Σ_{j∈g} T_j)          (all-reduced over workers, no gradient)
 * </pre>
 * M is the number of micro-batches of the step (the same 1/M that turns summed micro-batch cross-entropies into
 * their mean). Group size 1 is micro-batch balancing; the whole step is global balancing.
 *
 * <p>Order of work: the global counts exist only after every forward of the group, so the trainer keeps each
 * micro-batch's graph until its group closes and runs one backward per group — "all forwards first", not a
 * routing pre-pass (memory grows with the group size; no second forward, and nothing is counted twice). A
 * closure that is evaluated twice (SAM) begins a fresh step each time.
 *
 * <p>Lifecycle per optimizer step: {@link #beginStep}, then per micro-batch the MoE layers {@link #record} and
 * the trainer calls {@link #endMicroBatch}, which returns the losses of a group that just closed (else null).
 */
public final class GlobalBatchBalanceLoss {
    private final FeedForwardSpec spec;
    private BalanceAllReduce allReduce = BalanceAllReduce.SINGLE_WORKER;
    private final Map<Integer, Group> layers = new TreeMap<>();
    private int microBatches;
    private int groupSize;
    private int micro;
    private int groupStart;

    public GlobalBatchBalanceLoss(FeedForwardSpec spec) {
        this.spec = spec;
    }

    /** Installs the data-parallel sum of the counts (identity by default). */
    public void setAllReduce(BalanceAllReduce r) {
        this.allReduce = r;
    }

    /** Starts a step of {@code microBatches} micro-batches; drops anything left from an earlier step. */
    public void beginStep(int microBatches) {
        this.microBatches = microBatches;
        this.groupSize = spec.groupSize(microBatches);
        this.micro = 0;
        this.groupStart = 0;
        layers.clear();
    }

    /** Records one MoE layer's routing of the current micro-batch: counts [E] (detached), P [E], T tokens. */
    public void record(int layer, Tensor counts, Tensor meanProbs, long tokens) {
        Group g = layers.computeIfAbsent(layer, k -> new Group());
        Tensor c = counts.detach().to(torch.ScalarType.Double);
        g.counts = g.counts == null ? c : g.counts.add(c);
        g.tokens += tokens;
        g.probs.add(meanProbs);
    }

    /**
     * Closes the current micro-batch; when that completes a balance group, returns the group's loss (already
     * scaled by 1/M), else null.
     */
    public Tensor endMicroBatch() {
        micro++;
        if (micro - groupStart < groupSize && micro < microBatches) {
            return null;
        }
        groupStart = micro;
        Tensor total = null;
        for (Group g : layers.values()) {
            Tensor stats = allReduce.sum(torch.cat(new org.bytedeco.pytorch.TensorVector(g.counts,
                    Tensors.doubles(new double[] {g.tokens}, 1).to(g.counts.device(), g.counts.scalar_type()))));
            long e = g.counts.size(0);
            Tensor counts = Tensors.slice(stats, 0, 0, e);
            double tokens = Tensors.slice(stats, 0, e, e + 1).item_double();
            for (Tensor p : g.probs) {
                Tensor l = LoadBalancingLoss.of(spec.balanceCoef(), counts, tokens, spec.topK(), p)
                        .div(Tensors.s((double) microBatches));
                total = total == null ? l : total.add(l);
            }
        }
        layers.clear();
        return total;
    }

    /** Whether micro-batches have been recorded whose group has not closed yet (their backward must wait). */
    public boolean groupOpen() {
        return micro > groupStart;
    }

    /** Micro-batches per balance group in the current step. */
    public int groupSize() {
        return groupSize;
    }

    private static final class Group {
        Tensor counts;
        long tokens;
        final List<Tensor> probs = new ArrayList<>();
    }
}
