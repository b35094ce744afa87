package org.lmlab.optim;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.lmlab.tensor.Tensors;

/**
 * The quintic Newton–Schulz iteration that Muon and Scion use to orthogonalize an update ("Muon: An optimizer for
 * hidden layers in neural networks", Jordan et al. 2024):
 * <pre>
 *   X ← G / (‖G‖_F + 1e-8);  if rows &gt; cols: X ← Xᵀ
 *   repeat n times:  A = X Xᵀ;  X ← a X + (b A + c A²) X      (a, b, c) = (3.4445, −4.7750, 2.0315)
 * </pre>
 * The coefficients maximize the slope at zero rather than converge, so the result is not the exact polar factor
 * U Vᵀ of G = U Σ Vᵀ: its singular values land in roughly [0.7, 1.1] after five steps. Works on one matrix
 * [m, n] or a batch [k, m, n] (each matrix normalized by its own norm).
 */
public final class NewtonSchulz {
    static final double A = 3.4445;
    static final double B = -4.7750;
    static final double C = 2.0315;
    private static final double EPS = 1e-8;

    private NewtonSchulz() {}

    /** NS_n(g): a new tensor of g's shape; g is left unchanged. */
    public static Tensor orthogonalize(Tensor g, int steps) {
        boolean single = g.dim() == 2;
        Tensor x = single ? g.unsqueeze(0) : g;
        Tensor norm = x.norm(new org.bytedeco.pytorch.ScalarOptional(Tensors.s(2.0)), new long[] {1, 2}, true);
        x = x.div(norm.add_(Tensors.s(EPS)));
        boolean tall = x.size(1) > x.size(2);
        if (tall) {
            x = x.mT();
        }
        // Iterating on the wide orientation keeps A = X Xᵀ the small Gram matrix.
        x = x.contiguous();
        for (int i = 0; i < steps; i++) {
            Tensor a = torch.bmm(x, x.mT());
            Tensor poly = torch.baddbmm(a, a, a, Tensors.s(B), Tensors.s(C));
            x = torch.baddbmm(x, poly, x, Tensors.s(A), Tensors.s(1.0));
        }
        if (tall) {
            x = x.mT();
        }
        return single ? x.squeeze(0).contiguous() : x.contiguous();
    }
}
