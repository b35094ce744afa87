/**
 * Instruments that measure a trained (or training) model without changing it: Hessian spectra and traces,
 * activation statistics read through hook points, attention-sink measures, fits over many runs.
 *
 * <p>A probe takes a model (or a run directory, loaded with its checkpoint) and returns plain numbers or records;
 * it never reaches back into the trainer. Probes that need activations register {@link org.lmlab.nn.HookPoint}
 * handles for the duration of one forward pass and close them, so an unprobed model runs at full speed.
 * Every forward pass of a probe runs inside a {@code PointerScope}, like a training step.
 */
package org.lmlab.probe;
