package org.lmlab.model;

import org.lmlab.config.Doc;

/**
 * A block of binary-coded token ids (config section {@code model.binary_input}): ids {@code offset … offset +
 * 2^bits − 1} stand for bit vectors b ∈ {0, 1}^bits (bit i of {@code id − offset} is b_i), and the decoder embeds
 * them as a learned linear map of the signs, e = W·(2b − 1), instead of a lookup row. This is the read-in of the
 * in-context-learning literature (Garg et al. 2022; the one-token-per-example parity layout of Abedsoltan, Zhang,
 * Wen et al. 2025): a vector-valued input shares structure across its 2^bits values, which a lookup table of
 * 2^bits independent rows cannot. Tasks declare it ({@code Task.binaryInput()}); {@code bits = 0} means none.
 */
public record BinaryInput(
        @Doc("first binary-coded token id")
        int offset,
        @Doc("bits per coded id (0 = no binary-coded ids); at most 20")
        int bits) {

    public BinaryInput {
        if (offset < 0 || bits < 0 || bits > 20) {
            throw new IllegalArgumentException("model.binary_input needs offset >= 0 and 0 <= bits <= 20");
        }
    }

    public static BinaryInput none() {
        return new BinaryInput(0, 0);
    }

    public boolean enabled() {
        return bits > 0;
    }

    /** Ids needed in the vocabulary: {@code offset + 2^bits} (0 when disabled). */
    public int idsNeeded() {
        return enabled() ? offset + (1 << bits) : 0;
    }
}
