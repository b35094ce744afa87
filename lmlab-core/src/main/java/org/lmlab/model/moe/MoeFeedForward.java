package org.lmlab.model.moe;

import org.bytedeco.pytorch.T_TensorTensor_T;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;
import org.lmlab.model.AuxiliaryLosses;
import org.lmlab.model.FeedForwardSpec;
import org.lmlab.nn.HookPoint;
import org.lmlab.nn.Init;
import org.lmlab.nn.Layer;
import org.lmlab.nn.Linear;
import org.lmlab.nn.Mlp;
import org.lmlab.nn.Module;
import org.lmlab.nn.Parameter;
import org.lmlab.nn.Role;
import org.lmlab.tensor.Tensors;

/**
 * A mixture-of-experts feed-forward with a top-K softmax router (Shazeer et al. 2017; GShard/Switch form):
 * <pre>
 *   p(x) = softmax(W_r x),   S(x) = top-K indices of p(x),   y = Σ_{i∈S(x)} pᵢ(x) · Expertᵢ(x)
 * </pre>
 * with each expert an MLP of {@code model.mlp}'s kind. The gates are the un-renormalized router probabilities,
 * so the router also learns from the language-model loss for any K. Dispatch is sparse: each expert runs on the
 * tokens routed to it (a loop over the E experts, gathered with {@code index_select}, scattered back with
 * {@code index_add}).
 *
 * <p>During a training step the layer reports its routing to the decoder's {@link AuxiliaryLosses}: the
 * assignment counts (detached) and the mean router probabilities for the {@link GlobalBatchBalanceLoss}, and
 * the router z-loss β·mean_t(logsumexp(W_r x_t))² (Zoph et al. 2022, ST-MoE, eq. 5) when β > 0.
 *
 * <p>Parameters: {@code router.weight} [E, d], {@code experts_in} [E, h or 2h, d], {@code experts_down}
 * [E, d, h]. Hook point {@code router_logits} [B, T, E] — what the expert probes read.
 */
public final class MoeFeedForward extends Module implements Layer {
    private final FeedForwardSpec spec;
    private final int layer;
    private final AuxiliaryLosses aux;
    private final Mlp.Kind kind;
    private final Linear router;
    private final Parameter expertsIn;
    private final Parameter expertsDown;
    private final HookPoint routerLogits;

    /**
     * @param layer index of the block (keys the balance statistics)
     * @param aux where the layer reports its routing during training steps
     */
    public MoeFeedForward(FeedForwardSpec spec, int layer, AuxiliaryLosses aux, Mlp.Kind kind, long dim, long hidden,
            double std, double downStd) {
        this.spec = spec;
        this.layer = layer;
        this.aux = aux;
        this.kind = kind;
        int e = spec.experts();
        this.router = child("router", new Linear(dim, e, false, std, Role.MATRIX));
        long inRows = kind == Mlp.Kind.SWIGLU ? 2 * hidden : hidden;
        this.expertsIn = parameter("experts_in", Init.normal(std, e, inRows, dim), Role.MATRIX);
        this.expertsDown = parameter("experts_down", Init.normal(downStd, e, dim, hidden), Role.MATRIX);
        this.routerLogits = hookPoint("router_logits");
    }

    /** x: [B, T, d] → [B, T, d]. */
    @Override
    public Tensor forward(Tensor x) {
        long d = x.size(-1);
        Tensor flat = x.reshape(-1, d);
        long n = flat.size(0);
        int e = spec.experts();
        Tensor logits = routerLogits.apply(router.forward(x)).reshape(-1, e);
        Tensor probs = logits.softmax(-1);
        T_TensorTensor_T top = probs.topk(spec.topK(), -1, true, true);
        Tensor gates = top.get0();
        Tensor chosen = top.get1();
        Tensor y = torch.zeros_like(flat);
        // The experts' weights unbound once: a select per expert would fill a zero tensor of all experts in backward.
        Tensor[] ins = Tensors.unbind(expertsIn.tensor(), 0);
        Tensor[] downs = Tensors.unbind(expertsDown.tensor(), 0);
        for (int i = 0; i < e; i++) {
            Tensor hit = chosen.eq(Tensors.s((long) i));
            Tensor rows = hit.any(-1).nonzero().select(1, 0);
            if (rows.numel() == 0) {
                continue;
            }
            Tensor gate = gates.mul(hit.to(gates.scalar_type())).sum(-1).index_select(0, rows);
            Tensor out = expert(ins[i], downs[i], flat.index_select(0, rows)).mul(gate.unsqueeze(1));
            y = y.index_add(0, rows, out);
        }
        report(logits, probs, chosen, n);
        return y.view(Tensors.shape(x));
    }

    /** Expertᵢ(x) for the rows of x routed to it, given expert i's two weight matrices. */
    private Tensor expert(Tensor in, Tensor down, Tensor x) {
        Tensor h = torch.linear(x, in);
        if (kind != Mlp.Kind.SWIGLU) {
            return torch.linear(torch.gelu(h), down);
        }
        Tensor[] gateUp = Tensors.chunk(h, 2, -1);
        return torch.linear(torch.silu(gateUp[0]).mul(gateUp[1]), down);
    }

    private void report(Tensor logits, Tensor probs, Tensor chosen, long tokens) {
        if (!aux.recording()) {
            return;
        }
        GlobalBatchBalanceLoss balance = aux.balance();
        if (balance != null) {
            Tensor counts = torch.bincount(chosen.reshape(-1), new TensorOptional(), spec.experts());
            balance.record(layer, counts, probs.mean(0), tokens);
        }
        if (spec.zLossCoef() > 0) {
            aux.add(torch.logsumexp(logits, new long[] {-1}, false).pow(Tensors.s(2.0)).mean()
                    .mul(Tensors.s(spec.zLossCoef())));
        }
    }

    public FeedForwardSpec spec() {
        return spec;
    }

    public Linear router() {
        return router;
    }
}
