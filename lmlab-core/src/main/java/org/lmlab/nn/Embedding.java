package org.lmlab.nn;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/** A lookup table [vocab, dim]: row {@code i} is the vector of token {@code i}. */
public final class Embedding extends Module {
    private final Parameter weight;

    public Embedding(long vocab, long dim, double std) {
        this.weight = parameter("weight", Init.normal(std, vocab, dim), Role.EMBEDDING);
    }

    /** ids (int64, any shape) → vectors (shape + [dim]). */
    public Tensor forward(Tensor ids) {
        return torch.embedding(weight.tensor(), ids);
    }

    public Parameter weight() {
        return weight;
    }
}
