package org.lmlab.model;

import org.lmlab.config.Doc;
/**
 * The feed-forward sub-layer of every block (config section {@code model.ffn}): the dense MLP of
 * {@code model.mlp}, or a mixture of experts with a top-K router and the load-balancing loss of Qiu et al. 2025,
 * "Demons in the Detail: On Implementing Load Balancing Loss for Training Specialized Mixture-of-Expert Models".
 */
public record FeedForwardSpec(
        @Doc("dense, moe, or none (blocks without a feed-forward)")
        Kind kind,
        @Doc("E, experts per MoE layer")
        int experts,
        @Doc("K, experts each token is sent to")
        int topK,
        @Doc("hidden width of each expert; 0 = the dense width (d_ff rule of the decoder)")
        int expertHidden,
        @Doc("α of the load-balancing loss LBL = α·E·Σᵢ fᵢ·Pᵢ (0 = off)")
        double balanceCoef,
        @Doc("micro-batch: f from each micro-batch alone; global: f from the token counts of a whole balance " +
                "group of micro-batches (and of every data-parallel worker)")
        BalanceScope balanceScope,
        @Doc("micro-batches per balance group under global scope; 0 = all micro-batches of the step")
        int balanceGroup,
        @Doc("β of the router z-loss β·mean_tokens(logsumexp(router logits))² (ST-MoE; 0 = off)")
        double zLossCoef) {

    /** Feed-forward kind (config value {@code model.ffn.kind}); none makes attention-only (or mixer-only) blocks. */
    public enum Kind { DENSE, MOE, NONE }

    /** Over which tokens the expert frequencies f of the balance loss are counted. */
    public enum BalanceScope { MICRO_BATCH, GLOBAL }

    public FeedForwardSpec {
        if (experts < 1 || topK < 1 || topK > experts) {
            throw new IllegalArgumentException("model.ffn needs experts >= 1 and 1 <= top_k <= experts");
        }
        if (expertHidden < 0 || balanceGroup < 0 || balanceCoef < 0 || zLossCoef < 0) {
            throw new IllegalArgumentException(
                    "model.ffn.expert_hidden, balance_group, balance_coef and z_loss_coef must be >= 0");
        }
    }

    /** Dense feed-forward; the MoE knobs hold the values an {@code kind: moe} override starts from. */
    public static FeedForwardSpec defaults() {
        return new FeedForwardSpec(Kind.DENSE, 8, 2, 0, 0.01, BalanceScope.GLOBAL, 0, 0.0);
    }

    /** A mixture of {@code experts} experts, top-{@code topK}, with balance coefficient α and the given scope. */
    public static FeedForwardSpec moe(int experts, int topK, int expertHidden, double alpha, BalanceScope scope,
            int group) {
        return new FeedForwardSpec(Kind.MOE, experts, topK, expertHidden, alpha, scope, group, 0.0);
    }

    /**
     * Micro-batches per balance group for a step of {@code microBatches}: 1 under micro-batch scope; the group
     * size (capped at the step) or the whole step under global scope.
     */
    public int groupSize(int microBatches) {
        if (balanceScope == BalanceScope.MICRO_BATCH) {
            return 1;
        }
        return balanceGroup == 0 ? microBatches : Math.min(balanceGroup, microBatches);
    }
}
