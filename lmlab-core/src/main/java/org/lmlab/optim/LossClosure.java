package org.lmlab.optim;

import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.bytedeco.pytorch.Tensor;

/**
 * Recomputes the loss at the current parameters on the step's batch and accumulates its gradients into them
 * (calls {@code backward}), returning the loss. Plain optimizers call it once per step; SAM calls it twice
 * (at the ascent point and back), Sophia adds Hessian-vector products (through {@link #loss()}) — one contract for
 * all.
 *
 * <p>Every call within one step must use the <em>same</em> batch: SAM's ascent and descent gradients are of one
 * minibatch loss. The optimizer clears gradients before each call ({@link Optimizer#gradient}).
 *
 * <p>Per-sample losses (for stochastic 1-SAM, which takes one ascent step per sample): a closure that can
 * evaluate sample {@code i} of its batch alone overrides {@link #sampleCount()} and {@link #computeSample(int)}
 * (or is built with {@link #perSample}). The batch loss must be the mean of the per-sample losses,
 * L = (1/n) Σᵢ Lᵢ, so that 1-SAM's averaged per-sample gradients and plain gradients are on the same scale.
 */
@FunctionalInterface
public interface LossClosure {
    /** The batch loss, gradients accumulated. */
    Tensor compute();

    /**
     * The same loss on the same batch, forward only: no {@code backward}, the autograd graph kept, so an optimizer
     * can differentiate it again (Sophia-H's Hessian-vector products). Called with gradient recording enabled.
     * Closures that cannot recompute their loss keep this default, and optimizers that need it fail naming it.
     */
    default Tensor loss() {
        throw new UnsupportedOperationException(
                "this LossClosure cannot recompute its loss without backward; implement LossClosure.loss()");
    }

    /** How many samples {@link #computeSample} can evaluate one at a time; 0 when it cannot. */
    default int sampleCount() {
        return 0;
    }

    /** The loss Lᵢ of sample {@code i} of the same batch alone, its gradient accumulated. */
    default Tensor computeSample(int i) {
        throw new UnsupportedOperationException("this loss closure has no per-sample losses");
    }

    /** A closure with per-sample losses: {@code batch} computes L = (1/n) Σᵢ Lᵢ in one pass, {@code sample} Lᵢ. */
    static LossClosure perSample(int n, Supplier<Tensor> batch, IntFunction<Tensor> sample) {
        return new LossClosure() {
            @Override
            public Tensor compute() {
                return batch.get();
            }

            @Override
            public int sampleCount() {
                return n;
            }

            @Override
            public Tensor computeSample(int i) {
                return sample.apply(i);
            }
        };
    }

    /** The closure of a forward-only loss: {@code compute} runs it and backward, {@code loss} runs it alone. */
    static LossClosure of(Supplier<Tensor> forward) {
        return new LossClosure() {
            @Override
            public Tensor compute() {
                Tensor l = forward.get();
                l.backward();
                return l;
            }

            @Override
            public Tensor loss() {
                return forward.get();
            }
        };
    }
}
