package org.lmlab.optim;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.lmlab.nn.Parameter;
import org.lmlab.nn.RowBlock;
import org.lmlab.tensor.Tensors;

/**
 * Per-logical-matrix views of a parameter-shaped tensor ({@link Parameter#blocks()}), so that matrix-aware
 * optimizers act on q, k, v (or gate, up) separately even though the layer stores them fused.
 */
final class RowBlocks {
    private RowBlocks() {}

    /** Views of {@code t} (a tensor shaped like {@code p}) holding each block's rows, in order. */
    static List<Tensor> views(Parameter p, Tensor t) {
        List<Tensor> out = new ArrayList<>();
        long start = 0;
        for (RowBlock b : p.blocks()) {
            out.add(p.isSplit() ? Tensors.slice(t, 0, start, start + b.rows()) : t);
            start += b.rows();
        }
        return out;
    }

    /** Whether every block has the same number of rows, so {@code t} can be viewed as a batch [blocks, rows, cols]. */
    static boolean uniform(Parameter p) {
        long rows = p.blocks().get(0).rows();
        return p.blocks().stream().allMatch(b -> b.rows() == rows);
    }

    /** State name {@code <param>.<state>}, or {@code <param>.<block>.<state>} for a block of a fused parameter. */
    static String stateName(String param, RowBlock block, String state) {
        return block.name().isEmpty() ? param + "." + state : param + "." + block.name() + "." + state;
    }

    /** Rows × columns of a block of a parameter whose trailing dimensions are flattened into columns. */
    static long columns(Parameter p) {
        long n = p.numel();
        long rows = p.tensor().dim() == 0 ? 1 : p.tensor().size(0);
        return n / rows;
    }
}
