package org.lmlab.nn;

import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.lmlab.tensor.Tensors;

/**
 * The position-wise feed-forward network.
 * <ul>
 *   <li>GELU: y = W_down · GELU(W_up x + b_up) + b_down, with exact (erf) GELU.</li>
 *   <li>SwiGLU (Shazeer 2020, as in Llama): y = W_down · (SiLU(W_gate x) ⊙ W_up x). The gate and up projections
 *       are one [2·hidden, dim] matrix (rows 0..hidden−1 = gate, then up) so the forward pass does one matmul;
 *       Hugging Face export splits it into {@code gate_proj} and {@code up_proj}.</li>
 * </ul>
 * Hook point {@code post}: the hidden activations that feed {@code down} (one value per neuron).
 */
public final class Mlp extends Module implements Layer {
    /** Feed-forward kind (config value {@code model.mlp}). */
    public enum Kind { GELU, SWIGLU }

    private final Kind kind;
    private final long hidden;
    private final Linear in;
    private final Linear down;
    private final HookPoint post;

    /**
     * @param std init std of the input projection; {@code downStd} that of the output projection (often scaled
     *     down with depth)
     */
    public Mlp(Kind kind, long dim, long hidden, boolean bias, double std, double downStd) {
        this.kind = kind;
        this.hidden = hidden;
        long inRows = kind == Kind.SWIGLU ? 2 * hidden : hidden;
        List<RowBlock> parts = kind == Kind.SWIGLU
                ? List.of(RowBlock.of("gate", hidden), RowBlock.of("up", hidden))
                : List.of();
        this.in = child(kind == Kind.SWIGLU ? "gate_up" : "up", new Linear(dim, inRows, bias, std, Role.MATRIX, parts));
        this.down = child("down", new Linear(hidden, dim, bias, downStd, Role.MATRIX));
        this.post = hookPoint("post");
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor h = in.forward(x);
        Tensor act;
        if (kind == Kind.SWIGLU) {
            Tensor[] gateUp = Tensors.chunk(h, 2, -1);
            act = torch.silu(gateUp[0]).mul(gateUp[1]);
        } else {
            act = torch.gelu(h);
        }
        return down.forward(post.apply(act));
    }

    public Kind kind() {
        return kind;
    }

    public long hidden() {
        return hidden;
    }
}
