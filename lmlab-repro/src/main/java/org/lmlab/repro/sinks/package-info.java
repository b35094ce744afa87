/**
 * The {@code sinks} row ("Attention and Residual Sinks: Outlier-driven Rescaling"): {@link
 * org.lmlab.repro.sinks.SinksRepro} trains five attention variants on bigram-backcopy and measures sinks,
 * rescaling, and simulated W4A4 quantization. {@link org.lmlab.repro.sinks.BackcopySetting} is the calibrated
 * sink-growing setting it shares with the gated-attention row; {@link org.lmlab.repro.sinks.BosTrajectory} records
 * BOS attention during training.
 */
package org.lmlab.repro.sinks;
