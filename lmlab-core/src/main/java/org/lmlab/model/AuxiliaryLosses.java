package org.lmlab.model;

import org.bytedeco.pytorch.Tensor;
import org.lmlab.model.moe.GlobalBatchBalanceLoss;
import org.lmlab.tensor.Tensors;

/**
 * The auxiliary losses of a {@link Decoder} — the MoE load-balancing loss and the router z-loss — and how they
 * reach the training loss.
 *
 * <p>Flow: layers add their terms during {@code forward} (the z-loss as a per-micro-batch term, the balance loss
 * through {@link GlobalBatchBalanceLoss}, whose counts may span several micro-batches). The trainer owns the step:
 * <pre>{@code
 * aux.beginStep(M);
 * for each micro-batch j:
 *     pending += model.loss(x_j, y_j) / M;
 *     Tensor extra = aux.endMicroBatch();   // terms that are complete now (already / M), or null
 *     if (extra != null) pending += extra;
 *     if (!aux.groupOpen()) { pending.backward(); pending = 0; }
 * aux.endStep();
 * }</pre>
 * Outside a step (evaluation, probes, sampling) nothing is recorded, so {@code forward} has no side effects and
 * evaluation losses are pure cross-entropy. A dense attention model records nothing and the loop above is plain
 * gradient accumulation.
 */
public final class AuxiliaryLosses {
    private final GlobalBatchBalanceLoss balance;
    private Tensor perMicroBatch;
    private boolean open;
    private int microBatches = 1;

    AuxiliaryLosses(FeedForwardSpec ffn) {
        this.balance = ffn.kind() == FeedForwardSpec.Kind.MOE && ffn.balanceCoef() > 0
                ? new GlobalBatchBalanceLoss(ffn)
                : null;
    }

    /** Opens a step of {@code microBatches} micro-batches; from now on forward passes record their terms. */
    public void beginStep(int microBatches) {
        this.open = true;
        this.microBatches = microBatches;
        this.perMicroBatch = null;
        if (balance != null) {
            balance.beginStep(microBatches);
        }
    }

    /** Whether a step is open (layers record only then). */
    public boolean recording() {
        return open;
    }

    /** Adds a term of the current micro-batch (e.g. the router z-loss); ignored outside a step. */
    public void add(Tensor term) {
        if (open) {
            perMicroBatch = perMicroBatch == null ? term : perMicroBatch.add(term);
        }
    }

    /** The balance-loss accumulator, or null when the model has no balanced MoE layer. */
    public GlobalBatchBalanceLoss balance() {
        return open ? balance : null;
    }

    /** The balance accumulator regardless of the step state (to install a data-parallel all-reduce). */
    public GlobalBatchBalanceLoss balanceLoss() {
        return balance;
    }

    /** Ends the current micro-batch: the auxiliary terms complete now, scaled by 1/M; null when there are none. */
    public Tensor endMicroBatch() {
        Tensor out = perMicroBatch == null ? null : perMicroBatch.div(Tensors.s((double) microBatches));
        perMicroBatch = null;
        Tensor group = balance == null ? null : balance.endMicroBatch();
        if (group != null) {
            out = out == null ? group : out.add(group);
        }
        return out;
    }

    /** Whether some micro-batches' terms still wait for the rest of their balance group. */
    public boolean groupOpen() {
        return balance != null && balance.groupOpen();
    }

    /** Closes the step (also after a failed one); forward passes stop recording. */
    public void endStep() {
        open = false;
        perMicroBatch = null;
    }
}
