/**
 * Attention-sink instruments: {@link org.lmlab.probe.sinks.SinkProbe} reads a decoder's attention weights,
 * values, per-head outputs, gate scores and residual stream through hook points and returns
 * {@link org.lmlab.probe.sinks.SinkStats} — first-token (BOS) attention mass and its excess over uniform, the
 * sink's contribution ‖p_s v_s‖/‖o‖, value drain, dormant-vs-active output norms, massive activations, the
 * per-dimension stripe score and gate statistics. {@link org.lmlab.probe.sinks.FakeQuant} simulates W4A4
 * quantization of a trained model.
 *
 * <p>Lifecycle: train (any attention kind), then measure on held-out batches; the probe adds read-only hooks for
 * each forward pass and removes them, so the model is unchanged. Example:
 * <pre>{@code
 * SinkStats s = SinkProbe.measure(model, task.evalBatches(64, 4), task::triggerMask, device);
 * System.out.print(s.table());
 * }</pre>
 * From the command line: {@code lmlab probe sinks runs/<run>}.
 */
package org.lmlab.probe.sinks;
