package org.lmlab.probe.hessian;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.T_TensorTensor_T;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.lmlab.tensor.Tensors;

/**
 * The top-k eigenpairs by the Lanczos method with full reorthogonalization (Golub &amp; Van Loan, Matrix
 * Computations, §10.1): build an orthonormal Krylov basis q₁ … q_m of A with the three-term recurrence
 * <pre>
 *   w = A q_j − α_j q_j − β_{j−1} q_{j−1},   α_j = q_jᵀ A q_j,   β_j = ‖w‖,   q_{j+1} = w / β_j
 * </pre>
 * (w is re-orthogonalized against every earlier q, twice, so rounding does not bring back converged directions),
 * then the eigenpairs (θ_i, s_i) of the m × m tridiagonal T = tridiag(β, α, β) give Ritz values θ_i and Ritz vectors
 * Q s_i. With m a few times k the top Ritz values match the top eigenvalues far faster than power iteration. Memory:
 * m vectors of length D.
 */
public final class Lanczos {
    private Lanczos() {}

    /** The k largest (algebraic) eigenpairs from m ≥ k Lanczos steps (fewer if the Krylov space is exhausted). */
    public static EigenPairs top(SymmetricOperator a, int k, int m, long seed) {
        if (k < 1 || m < k) {
            throw new IllegalArgumentException("need 1 <= k <= m (k " + k + ", m " + m + ")");
        }
        m = (int) Math.min(m, a.dim());
        List<Tensor> q = new ArrayList<>();
        double[] alpha = new double[m];
        double[] beta = new double[m];
        q.add(new RandomVectors(seed, a.options()).unit(a.dim()));
        int steps = 0;
        for (int j = 0; j < m; j++) {
            Tensor w = a.apply(q.get(j));
            steps++;
            alpha[j] = q.get(j).dot(w).item_double();
            Tensor basis = stack(q);
            for (int pass = 0; pass < 2; pass++) {
                w.sub_(basis.t().mv(basis.mv(w)));
            }
            beta[j] = w.norm().item_double();
            if (j == m - 1 || beta[j] <= 1e-10 * Math.abs(alpha[j]) || beta[j] == 0) {
                break;
            }
            q.add(w.div_(Tensors.s(beta[j])));
        }
        int n = steps;
        double[] t = new double[n * n];
        for (int i = 0; i < n; i++) {
            t[i * n + i] = alpha[i];
            if (i + 1 < n) {
                t[i * n + i + 1] = beta[i];
                t[(i + 1) * n + i] = beta[i];
            }
        }
        T_TensorTensor_T eig = torch.linalg_eigh(Tensors.doubles(t, n, n));
        // eigh returns ascending eigenvalues; copy out before the tuple is freed.
        double[] theta = Tensors.toDoubles(eig.get0());
        Tensor s = eig.get1().to(a.options(), false, true, new org.bytedeco.pytorch.MemoryFormatOptional());
        int kk = Math.min(k, n);
        double[] values = new double[kk];
        long[] cols = new long[kk];
        for (int i = 0; i < kk; i++) {
            values[i] = theta[n - 1 - i];
            cols[i] = n - 1 - i;
        }
        Tensor sTop = s.index_select(1, Tensors.longs(cols, kk)); // [n, k]
        Tensor vectors = sTop.t().matmul(stack(q.subList(0, n))); // [k, D]
        return new EigenPairs(values, vectors, steps);
    }

    private static Tensor stack(List<Tensor> rows) {
        TensorVector v = new TensorVector();
        rows.forEach(v::push_back);
        return torch.stack(v);
    }
}
