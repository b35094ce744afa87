package org.lmlab.nn;

/**
 * What a parameter is for. Optimizers and weight decay route parameters by role — never by name patterns or
 * tensor rank — so a new layer only has to declare its roles to be treated right by every optimizer.
 */
public enum Role {
    /** A hidden weight matrix (attention and MLP projections): decayed; what Muon/Soap precondition. */
    MATRIX,
    /** Token (or position) embedding table: not decayed. */
    EMBEDDING,
    /** The output projection to the vocabulary (when untied from the embedding). */
    HEAD,
    /** Multiplicative gains of norms: not decayed. */
    GAIN,
    /** Additive biases: not decayed. */
    BIAS
}
