/**
 * The {@code optimizer-benchmark} row: "Fantastic Pretraining Optimizers and Where to Find Them" (Wen, Hall, Ma,
 * Liang 2025) at small scale — every optimizer of the zoo tuned on the same unbounded synthetic language
 * ({@link org.lmlab.task.MarkovLanguage}) at three tiny Llama-style sizes, AdamW's data-scaling law fitted per
 * size, and each optimizer's speedup read off it exactly as the paper defines it
 * ({@link org.lmlab.probe.scaling.DataScalingFit}).
 */
package org.lmlab.repro.optimizers;
