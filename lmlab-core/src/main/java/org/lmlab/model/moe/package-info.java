/**
 * Mixture-of-experts feed-forward layers and their load balancing (Qiu et al. 2025, "Demons in the Detail: On
 * Implementing Load Balancing Loss for Training Specialized Mixture-of-Expert Models").
 *
 * <p>A {@link org.lmlab.model.moe.MoeFeedForward} replaces a block's MLP when {@code model.ffn.kind: moe}. During
 * a training step it reports its routing — detached expert counts and the mean router probabilities — to the
 * decoder's {@link org.lmlab.model.AuxiliaryLosses}, whose {@link org.lmlab.model.moe.GlobalBatchBalanceLoss}
 * forms the {@link org.lmlab.model.moe.LoadBalancingLoss} with f counted over a balance group (one micro-batch, a
 * few, or the whole step, summed over data-parallel workers by a {@link org.lmlab.model.moe.BalanceAllReduce}).
 * The trainer adds the result to the loss; evaluation never sees it.
 *
 * <pre>{@code
 * # config.yaml
 * model:
 *   ffn: {kind: moe, experts: 8, top_k: 2, balance_coef: 0.05, balance_scope: global, balance_group: 0}
 * train: {grad_accum: 8}
 * }</pre>
 */
package org.lmlab.model.moe;
