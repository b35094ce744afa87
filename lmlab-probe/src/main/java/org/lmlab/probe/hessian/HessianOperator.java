package org.lmlab.probe.hessian;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.lmlab.nn.Parameter;
import org.lmlab.tensor.Hvp;
import org.lmlab.tensor.SecondOrder;
import org.lmlab.tensor.Tensors;

/**
 * The Hessian of a loss averaged over a fixed set of batches, H = (1/m) Σ_b ∇²L_b(θ), as a
 * {@link SymmetricOperator} on flat parameter vectors (parameters concatenated in the given order). Each product
 * is exact ({@link Hvp}: double backward). The m gradient graphs are built once and retained, so every product
 * costs m double-backward passes and no forward pass — and the graphs' activations stay in memory until the
 * enclosing {@code PointerScope} closes: create, use and drop it inside one scope.
 */
public final class HessianOperator implements SymmetricOperator {
    private final List<Parameter> params;
    private final List<Hvp> batches;
    private final TensorOptions options;

    private HessianOperator(List<Parameter> params, List<Hvp> batches) {
        this.params = params;
        this.batches = batches;
        Tensor first = params.get(0).tensor();
        this.options = Tensors.options(first.scalar_type(), first.device());
    }

    /**
     * Runs each batch's forward pass (gradient enabled, inside {@link SecondOrder} so that every module takes a
     * twice-differentiable path) and keeps its gradient graph.
     */
    public static HessianOperator of(List<Parameter> params, List<Supplier<Tensor>> batchLosses) {
        if (params.isEmpty() || batchLosses.isEmpty()) {
            throw new IllegalArgumentException("need at least one parameter and one batch");
        }
        List<Tensor> leaves = params.stream().map(Parameter::tensor).toList();
        List<Hvp> hvps = new ArrayList<>();
        for (Supplier<Tensor> loss : batchLosses) {
            Tensor value;
            try (SecondOrder s = SecondOrder.enter()) {
                value = loss.get();
            }
            hvps.add(Hvp.of(value, leaves));
        }
        return new HessianOperator(List.copyOf(params), hvps);
    }

    @Override
    public long dim() {
        return batches.get(0).dim();
    }

    @Override
    public Tensor apply(Tensor v) {
        Tensor sum = null;
        for (Hvp h : batches) {
            Tensor hv = h.applyFlat(v);
            sum = sum == null ? hv : sum.add_(hv);
        }
        return sum.div_(Tensors.s((double) batches.size()));
    }

    @Override
    public TensorOptions options() {
        return options;
    }

    /** ∇L averaged over the batches, flat. */
    public Tensor gradient() {
        Tensor sum = null;
        for (Hvp h : batches) {
            Tensor g = Hvp.flatten(h.gradient());
            sum = sum == null ? g : sum.add_(g);
        }
        return sum.div_(Tensors.s((double) batches.size()));
    }

    /** The mean loss over the batches. */
    public double loss() {
        double s = 0;
        for (Hvp h : batches) {
            s += h.loss().item_double();
        }
        return s / batches.size();
    }

    /** A flat vector split into views shaped like the parameters. */
    public List<Tensor> unflatten(Tensor flat) {
        return batches.get(0).unflatten(flat);
    }

    public List<Parameter> parameters() {
        return params;
    }
}
