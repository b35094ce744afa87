/**
 * Row {@code lpn}: "Solving LPN with Neural Networks" (Jiang, Wen, Chen 2023). Two-layer networks learn learning
 * parity with noise from fresh samples and the secret is read back by bit flips; Prange-style Gaussian elimination,
 * guess-then-eliminate (Esser, Kübler, May 2017's "Pooled Gauss", the paper's baseline) and BKW (Blum, Kalai,
 * Wasserman 2003) run on the same sample stream, and all four are timed side by side.
 * Run: {@code ./lmlab repro lpn [--seed N] [--quick]}.
 */
package org.lmlab.repro.lpn;
