package org.lmlab.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.lmlab.nn.Parameter;
import org.lmlab.nn.Role;
import org.lmlab.nn.RowBlock;
import org.lmlab.tensor.Tensors;

/**
 * What Muon and Scion share: hidden weight matrices ({@link Role#MATRIX}, two-dimensional) get a momentum direction
 * orthogonalized by {@link NewtonSchulz}, one logical matrix at a time ({@link RowBlock}: q, k and v of a fused
 * projection are orthogonalized separately, as the reference's separate layers are), each scaled by
 * √max(1, rows/cols); every other parameter — embeddings, the head, gains, biases, and matrices of any other role —
 * goes to a companion optimizer running at lr·ratio. Both halves end with {@link #descend}.
 */
abstract class OrthogonalizedMomentum extends Optimizer {
    private final Optimizer companion;
    private final double lrRatio;
    private final double weightDecay;
    private final int nsSteps;
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();

    OrthogonalizedMomentum(Map<String, Parameter> params, double lr, double clipNorm, double weightDecay, int nsSteps,
            double lrRatio, Function<Map<String, Parameter>, Optimizer> companion) {
        super(params, lr, clipNorm);
        this.weightDecay = weightDecay;
        this.nsSteps = nsSteps;
        this.lrRatio = lrRatio;
        Map<String, Parameter> rest = new LinkedHashMap<>();
        params.forEach((name, p) -> {
            if (orthogonalized(p)) {
                buffers.put(name, state(name + ".momentum_buffer", torch.zeros_like(p.tensor())));
            } else {
                rest.put(name, p);
            }
        });
        this.companion = companion.apply(rest);
    }

    /** Routing by role: only hidden weight matrices are orthogonalized. */
    static boolean orthogonalized(Parameter p) {
        return p.role() == Role.MATRIX && p.tensor().dim() == 2;
    }

    /** Updates the momentum {@code buffer} with gradient {@code g} in place and returns the matrix to orthogonalize. */
    protected abstract Tensor direction(Tensor buffer, Tensor g);

    @Override
    protected final void update(long t) {
        double lr = learningRate();
        companion.setLearningRate(lr * lrRatio);
        companion.update(t);
        for (Map.Entry<String, Tensor> e : buffers.entrySet()) {
            Parameter p = params.get(e.getKey());
            Tensor g = p.grad();
            if (g.defined()) {
                descend(p, orthogonalize(p, direction(e.getValue(), g), nsSteps), lr, weightDecay);
            }
        }
    }

    /** NS_n per logical matrix of {@code p}, each scaled by √max(1, rows/cols). */
    static Tensor orthogonalize(Parameter p, Tensor u, int steps) {
        long cols = u.size(1);
        List<RowBlock> blocks = p.blocks();
        if (RowBlocks.uniform(p)) {
            long rows = blocks.get(0).rows();
            Tensor o = NewtonSchulz.orthogonalize(u.reshape(blocks.size(), rows, cols), steps);
            return o.view(u.size(0), cols).mul_(Tensors.s(scale(rows, cols)));
        }
        Tensor out = torch.empty_like(u);
        List<Tensor> in = RowBlocks.views(p, u);
        List<Tensor> dst = RowBlocks.views(p, out);
        for (int i = 0; i < blocks.size(); i++) {
            dst.get(i).copy_(NewtonSchulz.orthogonalize(in.get(i), steps)
                    .mul_(Tensors.s(scale(blocks.get(i).rows(), cols))));
        }
        return out;
    }

    private static double scale(long rows, long cols) {
        return Math.sqrt(Math.max(1.0, rows / (double) cols));
    }

    @Override
    protected final Map<String, Tensor> liveState() {
        Map<String, Tensor> all = new LinkedHashMap<>(super.liveState());
        all.putAll(companion.liveState());
        return all;
    }
}
