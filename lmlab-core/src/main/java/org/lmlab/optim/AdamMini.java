package org.lmlab.optim;

import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.lmlab.nn.Parameter;
import org.lmlab.nn.RowBlock;
import org.lmlab.tensor.Tensors;

/**
 * Adam-mini (Zhang et al. 2024, "Adam-mini: Use Fewer Learning Rates To Gain More", Algorithm 1): Adam whose second
 * moment is one scalar per block of parameters,
 * <pre>
 *   m_t = β₁m_{t−1} + (1−β₁)g_t        v_{b,t} = β₂v_{b,t−1} + (1−β₂)·mean_{i∈b}(g_{t,i}²)
 *   θ_t = θ_{t−1} − lr_t·((m_t/(1−β₁ᵗ)) / (√(v_{b,t}/(1−β₂ᵗ)) + ε) + wd·θ_{t−1})
 * </pre>
 * The blocks follow the paper's Hessian-structure partition (§2.3): for every weight matrix one block per output
 * row — a token's row for the embedding and the head, an output neuron for the other projections — except the
 * query and key projections, whose blocks are whole heads ({@link RowBlock#headRows()}). Gains and biases keep one
 * v per element, as plain AdamW. The second moment is stored compactly ([blocks, 1] per matrix).
 */
public final class AdamMini extends AdamFamily {
    public AdamMini(Map<String, Parameter> params, double lr, double beta1, double beta2, double eps,
            double weightDecay, double clipNorm) {
        super(params, lr, beta1, beta2, eps, weightDecay, clipNorm);
    }

    private static boolean blockwise(Parameter p) {
        return p.tensor().dim() == 2;
    }

    @Override
    Tensor secondMoment(Parameter p) {
        if (!blockwise(p)) {
            return torch.zeros_like(p.tensor());
        }
        long groups = p.blocks().stream().mapToLong(b -> b.rows() / b.headRows()).sum();
        return torch.zeros(new long[] {groups, 1}, Tensors.options(p.tensor().scalar_type(), p.tensor().device()));
    }

    @Override
    Tensor direction(Parameter p, Tensor g, Tensor m, Tensor v, long t) {
        if (!blockwise(p)) {
            return adam(g, m, v, t);
        }
        m.lerp_(g, Tensors.s(1 - beta1));
        Tensor u = m.div(Tensors.s(1 - Math.pow(beta1, t)));
        long cols = g.size(1);
        List<Tensor> gs = RowBlocks.views(p, g);
        List<Tensor> us = RowBlocks.views(p, u);
        long group = 0;
        for (int i = 0; i < gs.size(); i++) {
            RowBlock b = p.blocks().get(i);
            long n = b.rows() / b.headRows();
            // A head's rows are contiguous, so [rows, cols] viewed as [heads, headRows·cols] puts each block in a row.
            Tensor gb = gs.get(i).reshape(n, b.headRows() * cols);
            Tensor vb = Tensors.slice(v, 0, group, group + n);
            vb.mul_(Tensors.s(beta2)).add_(Linalg.meanKeepDim(gb.square(), 1), Tensors.s(1 - beta2));
            us.get(i).view(n, b.headRows() * cols).div_(denominator(vb, t));
            group += n;
        }
        return u;
    }
}
