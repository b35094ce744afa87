/**
 * Fits over many runs: data-scaling laws and the effective-data speedup of "Fantastic Pretraining Optimizers and
 * Where to Find Them" (Wen et al. 2025, §4.1). Plain double arithmetic over a handful of final losses.
 */
package org.lmlab.probe.scaling;
