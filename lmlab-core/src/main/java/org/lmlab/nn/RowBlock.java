package org.lmlab.nn;

/**
 * One logical weight matrix inside a fused one: {@code rows} consecutive rows that a layer stores together with
 * others so that its forward pass is a single matmul (q, k, v in one [3d, d] matrix; gate and up in one [2h, d]).
 * Optimizers that treat each weight matrix as a unit — Muon's orthogonalization, Soap's and Kron's
 * preconditioners, Adam-mini's second-moment blocks, Cautious's mask normalization — act per block, exactly as they
 * would on separate layers; the layer, which knows what it fused, declares the blocks (never the optimizer by
 * name).
 *
 * @param name short name of the block, used in optimizer state names ({@code q}, {@code k}, {@code v},
 *     {@code gate}, {@code up}); empty for an unsplit parameter
 * @param rows number of rows
 * @param headRows rows per attention head when the block's rows produce attention scores (queries and keys), so
 *     that Adam-mini keeps one second moment per head there ("Adam-mini", Zhang et al. 2024, §2.3); 1 otherwise
 */
public record RowBlock(String name, long rows, long headRows) {
    public RowBlock {
        if (rows <= 0 || headRows <= 0 || rows % headRows != 0) {
            throw new IllegalArgumentException("row block '" + name + "': rows (" + rows
                    + ") must be a positive multiple of head_rows (" + headRows + ")");
        }
    }

    /** A block whose rows are independent units (head size 1). */
    public static RowBlock of(String name, long rows) {
        return new RowBlock(name, rows, 1);
    }
}
