/**
 * The {@code gated-attention} row ("Gated Attention for Large Language Models"): {@link
 * org.lmlab.repro.gatedattention.GatedAttentionRepro} compares softmax attention with G1 headwise and elementwise
 * sigmoid gates on bigram-backcopy — BOS attention, loss and gate sparsity.
 */
package org.lmlab.repro.gatedattention;
