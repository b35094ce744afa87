/**
 * Row {@code benign-overfitting}: "Realistic Analysis of Benign Overfitting with Label Noise" (Wen, Teng, Zhang
 * 2022). The max-margin classifier on the Gaussian mixture, solved exactly ({@link org.lmlab.repro.benign.MaxMargin}),
 * with exact clean test error across p/n and label noise 0 / 0.2 — the phase change from harmful to benign
 * interpolation of noisy labels. Run: {@code ./lmlab repro benign-overfitting [--seed N] [--quick]}.
 */
package org.lmlab.repro.benign;
