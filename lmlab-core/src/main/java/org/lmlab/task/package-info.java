/**
 * Tasks: deterministic sources of batches. A {@link org.lmlab.task.Task}'s training batch {@code i} is a pure
 * function of (seed, i), so the data cursor of a run is one number and resume is exact; its held-out set is fixed.
 * Synthetic tasks ({@link org.lmlab.task.ModularAddition}, {@link org.lmlab.task.BigramBackcopy},
 * {@link org.lmlab.task.FlipFlop} with its held-out splits, {@link org.lmlab.task.Parity}) and corpora ({@link org.lmlab.task.CorpusTask}, prepared
 * by {@link org.lmlab.task.Corpora} from text into a tokenizer and llm.c shards) share the interface.
 */
package org.lmlab.task;
