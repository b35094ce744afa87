package org.lmlab.optim;

import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.T_TensorTensor_T;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.lmlab.tensor.Tensors;

/**
 * The decompositions the preconditioning optimizers need, returning owned tensors: libtorch hands results back in a
 * tuple whose elements point into it, and the tuple may be freed before they are used (as with TensorVector).
 */
final class Linalg {
    private Linalg() {}

    /** Q of the reduced QR decomposition of {@code a}. */
    static Tensor qrQ(Tensor a) {
        T_TensorTensor_T qr = torch.linalg_qr(a);
        return new Tensor(qr.get0());
    }

    /** Eigenvectors of the symmetric {@code a + eps·I} as columns, by descending eigenvalue. */
    static Tensor eigenvectorsDescending(Tensor a, double eps) {
        Tensor eye = torch.eye(a.size(0), Tensors.options(a.scalar_type(), a.device()));
        T_TensorTensor_T eigh = torch.linalg_eigh(a.add(eye, Tensors.s(eps)));
        return new Tensor(eigh.get1()).flip(1);
    }

    /** Sum over dimension {@code dim}, which is dropped. */
    static Tensor sum(Tensor t, long dim) {
        return t.sum(new long[] {dim}, false, new ScalarTypeOptional());
    }

    /** Mean over dimension {@code dim}, which is kept (size 1). */
    static Tensor meanKeepDim(Tensor t, long dim) {
        return t.mean(new long[] {dim}, true, new ScalarTypeOptional());
    }

    /** The matrix view [rows, cols] of a parameter-shaped tensor: vectors become columns [n, 1]. */
    static Tensor matrix(Tensor t) {
        return t.dim() == 2 ? t : t.reshape(t.dim() == 0 ? 1 : t.size(0), -1);
    }
}
