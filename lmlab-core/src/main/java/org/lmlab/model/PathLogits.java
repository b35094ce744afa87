package org.lmlab.model;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.lmlab.tensor.Tensors;

/**
 * PaTH attention logits (Yang, Shen, Wen et al. 2025, "PaTH Attention: Position Encoding via Accumulating
 * Householder Transformations", §2): with H_t = I − β_t w_t w_tᵀ,
 * <pre>
 *   logit(i, j) = q_iᵀ (H_i H_{i−1} ⋯ H_{j+1}) k_j        (j ≤ i; an empty product is I)
 * </pre>
 * Three computations of the same numbers, all over q, k, w [B, H, L, d] and β [B, H, L]:
 * <ul>
 *   <li>{@link #naive}: the products formed explicitly, one (i, j) at a time — the reference, O(L³d²).</li>
 *   <li>{@link #compact}: the UT/WY identity (§3.1) on the whole sequence,
 *       H_i ⋯ H_{j+1} = I − Σ_{j&lt;b≤a≤i} w_a T_ab w_bᵀ with T = (I + tril(diag(β) W Wᵀ, −1))⁻¹ diag(β), so
 *       logits = Q Kᵀ − tril(Q Wᵀ) T tril(W Kᵀ, −1): one triangular solve, O(L³).</li>
 *   <li>{@link #chunked}: the same identity inside chunks of C tokens; across chunks the queries are carried
 *       backwards through each whole chunk's transition I − W_Jᵀ T_J W_J, and keys are pre-transformed to their
 *       chunk's end, so the cost is O(L·C² + L²·d) — attention's order for C ≈ d.</li>
 * </ul>
 * Only entries j ≤ i are defined; the others are whatever the computation leaves (the caller masks them).
 */
public final class PathLogits {
    private PathLogits() {}

    /** The reference: explicit d×d products per (i, j). Slow; for tests only. */
    public static Tensor naive(Tensor q, Tensor k, Tensor w, Tensor beta) {
        long l = q.size(2);
        long d = q.size(3);
        Tensor eye = torch.eye(d, Tensors.options(q.scalar_type(), q.device()));
        Tensor out = torch.zeros_like(q.matmul(k.transpose(-2, -1)));
        for (long i = 0; i < l; i++) {
            Tensor p = eye.expand(q.size(0), q.size(1), d, d);
            // p = H_i H_{i−1} ⋯ H_{j+1}, grown one factor on the right as j moves left.
            for (long j = i; j >= 0; j--) {
                Tensor kj = k.select(2, j).unsqueeze(-1);
                Tensor value = q.select(2, i).unsqueeze(-2).matmul(p).matmul(kj).squeeze(-1).squeeze(-1);
                out.select(2, i).select(2, j).copy_(value);
                Tensor wj = w.select(2, j).unsqueeze(-1);
                Tensor h = eye.sub(wj.matmul(wj.transpose(-2, -1)).mul(beta.select(2, j).unsqueeze(-1).unsqueeze(-1)));
                p = p.matmul(h);
            }
        }
        return out;
    }

    /** T = (I + tril(diag(β) W Wᵀ, −1))⁻¹ diag(β) for W [..., n, d], β [..., n]: a unit-triangular solve. */
    static Tensor ut(Tensor w, Tensor beta) {
        long n = w.size(-2);
        Tensor strict = torch.tril(w.matmul(w.transpose(-2, -1)).mul(beta.unsqueeze(-1)), -1);
        Tensor eye = torch.eye(n, Tensors.options(w.scalar_type(), w.device()));
        // unitriangular = true: the solve takes the diagonal as 1, so I + strict need not be formed.
        Tensor inv = torch.linalg_solve_triangular(strict, eye, false, true, true);
        // X diag(β) scales the columns; diag(β) itself is never inverted, so β = 0 is fine.
        return inv.mul(beta.unsqueeze(-2));
    }

    /** The UT/WY form on the whole sequence (one L×L solve). */
    public static Tensor compact(Tensor q, Tensor k, Tensor w, Tensor beta) {
        Tensor t = ut(w, beta);
        Tensor qw = torch.tril(q.matmul(w.transpose(-2, -1)));
        Tensor wk = torch.tril(w.matmul(k.transpose(-2, -1)), -1);
        return q.matmul(k.transpose(-2, -1)).sub(qw.matmul(t).matmul(wk));
    }

    /** The chunked UT/WY form with chunks of {@code chunk} tokens (the sequence is padded with H = I). */
    public static Tensor chunked(Tensor q, Tensor k, Tensor w, Tensor beta, int chunk) {
        long l = q.size(2);
        if (l <= chunk) {
            return compact(q, k, w, beta);
        }
        long n = (l + chunk - 1) / chunk;
        long pad = n * chunk - l;
        // Padding with w = 0, β = 0 appends identity transitions; padded queries/keys are sliced away below.
        Tensor[] c = {q, k, w};
        for (int i = 0; i < 3; i++) {
            c[i] = torch.constant_pad_nd(c[i], new long[] {0, 0, 0, pad}, Tensors.s(0.0))
                    .unflatten(2, n, chunk);
        }
        Tensor qc = c[0];
        Tensor kc = c[1];
        Tensor wc = c[2];
        Tensor bc = torch.constant_pad_nd(beta, new long[] {0, pad}, Tensors.s(0.0)).unflatten(2, n, chunk);
        Tensor t = ut(wc, bc);                                             // [B, H, n, C, C]
        Tensor qw = torch.tril(qc.matmul(wc.transpose(-2, -1)));            // a ≤ i
        Tensor wk = torch.tril(wc.matmul(kc.transpose(-2, -1)), -1);        // b > j
        Tensor diag = qc.matmul(kc.transpose(-2, -1)).sub(qw.matmul(t).matmul(wk));
        // Queries carried to their chunk's start: q̃_iᵀ = q_iᵀ H_i ⋯ H_start.
        Tensor carried = qc.sub(qw.matmul(t).matmul(wc));
        // Keys carried to their chunk's end: k̂_j = H_end ⋯ H_{j+1} k_j.
        Tensor keys = kc.sub(wk.transpose(-2, -1).matmul(t.transpose(-2, -1)).matmul(wc));
        Tensor[][] blocks = new Tensor[(int) n][(int) n];
        for (int i = 0; i < n; i++) {
            blocks[i][i] = diag.select(2, i);
        }
        // Offset δ: query chunk I meets key chunk I − δ for every I ≥ δ at once.
        Tensor state = Tensors.slice(carried, 2, 1, n);
        for (int delta = 1; delta < n; delta++) {
            Tensor kj = Tensors.slice(keys, 2, 0, n - delta);
            Tensor cross = state.matmul(kj.transpose(-2, -1));
            for (int i = delta; i < n; i++) {
                blocks[i][i - delta] = cross.select(2, i - delta);
            }
            if (delta + 1 < n) {
                Tensor wj = Tensors.slice(wc, 2, 0, n - delta);
                Tensor tj = Tensors.slice(t, 2, 0, n - delta);
                // Row vectors through the whole chunk J: q̃ ← q̃ (I − W_Jᵀ T_J W_J); chunk I = δ is done.
                Tensor moved = state.sub(state.matmul(wj.transpose(-2, -1)).matmul(tj).matmul(wj));
                state = Tensors.slice(moved, 2, 1, n - delta);
            }
        }
        Tensor zero = torch.zeros_like(diag.select(2, 0));
        TensorVector rows = new TensorVector();
        for (int i = 0; i < n; i++) {
            TensorVector row = new TensorVector();
            for (int j = 0; j < n; j++) {
                row.push_back(j <= i ? blocks[i][j] : zero);
            }
            rows.push_back(torch.cat(row, -1));
        }
        Tensor full = torch.cat(rows, -2);
        return Tensors.slice(Tensors.slice(full, -2, 0, l), -1, 0, l);
    }
}
