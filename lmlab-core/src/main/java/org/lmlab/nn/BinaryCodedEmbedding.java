package org.lmlab.nn;

import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.lmlab.tensor.Tensors;

/**
 * Embeds binary-coded token ids as a linear map of their bits: for {@code offset <= id < offset + 2^bits}, with
 * b_i = bit i of {@code id − offset},
 * <pre>
 *   e(id) = W · (2b − 1),   W ∈ R^{dim × bits}
 * </pre>
 * and any other id keeps the embedding the caller computed (its lookup row). See {@code model.BinaryInput}.
 */
public final class BinaryCodedEmbedding extends Module {
    private final Parameter weight;
    private final long offset;
    private final int bits;
    private final long[] powers;

    public BinaryCodedEmbedding(long offset, int bits, long dim, double std) {
        this.offset = offset;
        this.bits = bits;
        // An embedding, like the lookup table it replaces for these ids: not weight-decayed.
        this.weight = parameter("weight", Init.normal(std, dim, bits), Role.EMBEDDING);
        this.powers = new long[bits];
        for (int i = 0; i < bits; i++) {
            powers[i] = 1L << i;
        }
    }

    /** ids [..] (int64), lookup [.., dim] → the same with the binary-coded ids' vectors replaced. Pure. */
    public Tensor forward(Tensor ids, Tensor lookup) {
        Tensor code = ids.sub(new Scalar(offset)).clamp(new org.bytedeco.pytorch.ScalarOptional(new Scalar(0L)),
                new org.bytedeco.pytorch.ScalarOptional(new Scalar((1L << bits) - 1)));
        Tensor pw = Tensors.longs(powers, bits).to(ids.device(), ids.scalar_type());
        // b_i = floor(code / 2^i) mod 2, then the signs 2b − 1 in the lookup's dtype.
        Tensor b = torch.floor_divide(code.unsqueeze(-1), pw).remainder(new Scalar(2L));
        Tensor signs = b.to(lookup.scalar_type()).mul(new Scalar(2.0)).sub(new Scalar(1.0));
        Tensor mapped = torch.linear(signs, weight.tensor());
        Tensor inRange = ids.ge(new Scalar(offset)).logical_and(ids.lt(new Scalar(offset + (1L << bits))));
        return torch.where(inRange.unsqueeze(-1), mapped, lookup);
    }

    public Parameter weight() {
        return weight;
    }
}
