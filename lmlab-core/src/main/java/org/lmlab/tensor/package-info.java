/**
 * The thin glue between lmlab and libtorch (JavaCPP presets): loading, threads, seeding, no-grad blocks and a
 * handful of array/scalar helpers.
 *
 * <p>lmlab does not wrap every tensor operation: model and optimizer code calls
 * {@code org.bytedeco.pytorch.Tensor} and {@code org.bytedeco.pytorch.global.torch} directly, the way PyTorch code
 * calls {@code torch}. What lives here is what every caller would otherwise repeat:
 * <ul>
 *   <li>{@link org.lmlab.tensor.Torch#init()} — extracts and loads the native libraries safely (see its Javadoc
 *       for the empty-cache crash it prevents) and sets one intra-op thread per physical core.</li>
 *   <li>{@link org.lmlab.tensor.Rng} — seeding and exact save/restore of the generator state for resume.</li>
 *   <li>{@link org.lmlab.tensor.NoGrad} — {@code try (var g = NoGrad.enter()) {...}} around updates and
 *       evaluation.</li>
 *   <li>{@link org.lmlab.tensor.Tensors} — Java arrays in and out, scalars, options, slicing.</li>
 * </ul>
 *
 * <p>Native memory: tensors are reference-counted C++ objects. Every training step, evaluation batch and probe
 * pass runs inside an {@code org.bytedeco.javacpp.PointerScope}, which releases all temporaries created in it;
 * parameters and optimizer state are created outside any scope and live as long as their owner.
 * <pre>{@code
 * Torch.init();
 * try (PointerScope scope = new PointerScope()) {
 *     Tensor loss = model.loss(batch);
 *     loss.backward();
 * }   // activations, gradients graph and temporaries are freed here
 * }</pre>
 */
package org.lmlab.tensor;
