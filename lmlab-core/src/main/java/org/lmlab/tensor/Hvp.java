package org.lmlab.tensor;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.BoolOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * Exact Hessian-vector products by double backward (Pearlmutter, "Fast Exact Multiplication by the Hessian",
 * 1994): with g(θ) = ∇_θ L(θ) built with {@code create_graph = true},
 * <pre>
 *   H v = ∇_θ ( g(θ) · v ),   v held constant,
 * </pre>
 * computed as one vector-Jacobian product of g with v (libtorch's {@code torch::autograd::grad} with
 * {@code grad_outputs = v}). No finite differences and no approximation: the result is the Hessian of the loss as
 * libtorch differentiates it, at the cost of one more backward pass through the (retained) gradient graph.
 *
 * <p>Lifecycle: {@link #of} differentiates the loss once; the gradient graph is retained, so any number of
 * products ({@link #apply}, {@link #products}, {@link #applyFlat}) reuse it. Create and use it inside one
 * {@code PointerScope} (the graph holds the forward activations). The leaves are passed as tensors — for a model,
 * {@code params.stream().map(Parameter::tensor)} — which keeps this package free of {@code nn}.
 *
 * <p>A leaf that the loss does not depend on (or depends on only linearly) gets zero rows of H.
 *
 * <p>Compute the loss inside {@link SecondOrder}: a module with a fused kernel that lacks a double backward (fused
 * attention) then takes its twice-differentiable path.
 *
 * <p>Cost, counted in dense matmul passes (a forward pass = 1, so a gradient = 3): for y = x W with x and W both
 * depending on θ, the gradient's backward has two matmuls (gy Wᵀ, xᵀ gy); the double backward differentiates each
 * of them in both operands (4) and sends the result back through the forward matmul (2). A product from scratch is
 * therefore 1 + 2 + 6 = 9 passes, 3× a gradient, and each further product on the retained graph 6, 2× a gradient.
 * Forward-over-reverse has the same count (tangent forward 2, tangent backward 4).
 */
public final class Hvp {
    private final Tensor loss;
    private final List<Tensor> leaves;
    private final List<Tensor> grads;

    private Hvp(Tensor loss, List<Tensor> leaves, List<Tensor> grads) {
        this.loss = loss;
        this.leaves = leaves;
        this.grads = grads;
    }

    /** Differentiates the scalar {@code loss} with respect to {@code leaves}, keeping the graph of the gradient. */
    public static Hvp of(Tensor loss, List<Tensor> leaves) {
        if (loss.numel() != 1) {
            throw new IllegalArgumentException("Hessian-vector products need a scalar loss, got " + loss.numel()
                    + " elements");
        }
        TensorVector out = torch.grad(new TensorVector(loss), vector(leaves), new TensorVector(),
                new BoolOptional(true), true, true);
        return new Hvp(loss, List.copyOf(leaves), take(out, leaves));
    }

    /** ∇L alone (no graph kept, no Hessian products possible): one backward pass, results per leaf. */
    public static List<Tensor> gradient(Tensor loss, List<Tensor> leaves) {
        TensorVector out = torch.grad(new TensorVector(loss), vector(leaves), new TensorVector(),
                new BoolOptional(false), false, true);
        return take(out, leaves);
    }

    /** The loss the products are taken of. */
    public Tensor loss() {
        return loss;
    }

    /** ∇L, detached, one tensor per leaf. */
    public List<Tensor> gradient() {
        List<Tensor> out = new ArrayList<>(grads.size());
        for (Tensor g : grads) {
            out.add(g.detach());
        }
        return out;
    }

    /** H v for one vector given per leaf (same shapes as the leaves); detached results. */
    public List<Tensor> apply(List<Tensor> v) {
        if (v.size() != leaves.size()) {
            throw new IllegalArgumentException("vector has " + v.size() + " parts for " + leaves.size() + " leaves");
        }
        // Only gradient entries that still depend on θ can be differentiated again; the others have zero Hessian rows.
        TensorVector outputs = new TensorVector();
        TensorVector weights = new TensorVector();
        for (int i = 0; i < grads.size(); i++) {
            if (grads.get(i).requires_grad()) {
                outputs.push_back(grads.get(i));
                weights.push_back(v.get(i).detach());
            }
        }
        if (outputs.empty()) {
            return zeros();
        }
        TensorVector hv = torch.grad(outputs, vector(leaves), weights, new BoolOptional(true), false, true);
        List<Tensor> out = take(hv, leaves);
        for (int i = 0; i < out.size(); i++) {
            out.set(i, out.get(i).detach());
        }
        return out;
    }

    /** H v_j for each vector v_j, all on the same retained graph. */
    public List<List<Tensor>> products(List<List<Tensor>> vectors) {
        List<List<Tensor>> out = new ArrayList<>(vectors.size());
        for (List<Tensor> v : vectors) {
            out.add(apply(v));
        }
        return out;
    }

    /** H v with v and the result flattened into one 1-D tensor (leaves concatenated in order). */
    public Tensor applyFlat(Tensor v) {
        return flatten(apply(unflatten(v)));
    }

    /** Total number of coordinates D (H is D × D). */
    public long dim() {
        long n = 0;
        for (Tensor t : leaves) {
            n += t.numel();
        }
        return n;
    }

    /** The per-leaf tensors concatenated into one 1-D tensor. */
    public static Tensor flatten(List<Tensor> parts) {
        TensorVector flat = new TensorVector();
        for (Tensor t : parts) {
            flat.push_back(t.reshape(-1));
        }
        return torch.cat(flat);
    }

    /** A 1-D tensor of length {@link #dim()} split into views shaped like the leaves. */
    public List<Tensor> unflatten(Tensor flat) {
        if (flat.numel() != dim()) {
            throw new IllegalArgumentException("vector has " + flat.numel() + " entries, the Hessian is " + dim()
                    + " × " + dim());
        }
        List<Tensor> out = new ArrayList<>(leaves.size());
        long at = 0;
        for (Tensor leaf : leaves) {
            long n = leaf.numel();
            out.add(Tensors.slice(flat, 0, at, at + n).view(Tensors.shape(leaf)));
            at += n;
        }
        return out;
    }

    private List<Tensor> zeros() {
        List<Tensor> out = new ArrayList<>(leaves.size());
        for (Tensor leaf : leaves) {
            out.add(torch.zeros_like(leaf));
        }
        return out;
    }

    private static TensorVector vector(List<Tensor> ts) {
        TensorVector v = new TensorVector();
        for (Tensor t : ts) {
            v.push_back(t);
        }
        return v;
    }

    /** Owning copies of a result vector's elements ({@link Tensors#owned}), undefined ones as zeros. */
    private static List<Tensor> take(TensorVector v, List<Tensor> like) {
        Tensor[] parts = Tensors.owned(v);
        List<Tensor> out = new ArrayList<>(parts.length);
        for (int i = 0; i < parts.length; i++) {
            out.add(parts[i].defined() ? parts[i] : torch.zeros_like(like.get(i)));
        }
        return out;
    }
}
