/**
 * {@code rnn-retrieval}: in-context retrieval by Transformers, GRUs, hybrids and retrieval-augmented GRUs (Wen, Dang and Lyu 2024). See {@link org.lmlab.repro.rnnretrieval.RnnRetrieval}.
 */
package org.lmlab.repro.rnnretrieval;
