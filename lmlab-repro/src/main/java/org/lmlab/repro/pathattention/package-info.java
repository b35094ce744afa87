/**
 * The {@code path-attention} row ("PaTH Attention: Position Encoding via Accumulating Householder
 * Transformations"): {@link org.lmlab.repro.pathattention.PathAttentionRepro} trains PaTH and RoPE decoders on the
 * flip-flop language and compares read errors in distribution, on sparse and dense splits and at twice the length.
 */
package org.lmlab.repro.pathattention;
