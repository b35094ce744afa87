package org.lmlab.model.moe;

import org.bytedeco.pytorch.Tensor;

/**
 * Sums a balance group's statistics over data-parallel workers before the expert frequencies are formed — the
 * "all workers" part of global-batch balancing (Qiu et al. 2025, §3: the counts are synchronized across the
 * global batch, the router probabilities stay local). The vector holds the E expert counts followed by the token
 * count. On one worker it is the identity ({@link #SINGLE_WORKER}); a data-parallel executor installs a real
 * all-reduce with {@link GlobalBatchBalanceLoss#setAllReduce}.
 */
@FunctionalInterface
public interface BalanceAllReduce {
    /** The element-wise sum of {@code local} over all workers (a new tensor or {@code local} itself). */
    Tensor sum(Tensor local);

    BalanceAllReduce SINGLE_WORKER = local -> local;
}
