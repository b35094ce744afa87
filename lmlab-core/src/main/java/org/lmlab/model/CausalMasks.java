package org.lmlab.model;

import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.DimnameListOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.lmlab.tensor.Tensors;

/**
 * Additive causal masks on the CPU: a float32 [T, T] tensor, 0 on and below the diagonal and −∞ above it, shared by
 * every layer, model and thread of the process. One mask is kept per power of two and viewed at its top-left [T, T]
 * corner (the causal mask of any shorter length): sampling runs forwards at every length 1 … N, and a mask per
 * length would keep ~N³·4/3 bytes.
 *
 * <p>Why not {@code masked_fill_} with a boolean mask: libtorch's CPU masked-fill kernel is scalar (it was ~3% of a
 * tiny model's training samples, with its backward another masked fill), and the boolean mask was rebuilt every
 * call. Adding the cached mask is a vectorized in-place add whose backward passes the gradient through. The results
 * are the same bit for bit: s + 0 = s, s + (−∞) = −∞, and the softmax's gradient at a −∞ logit is exactly 0 either
 * way (its weight is 0).
 */
final class CausalMasks {
    /**
     * Longest length cached (the largest mask is 4 MiB, all of them ~5.6 MiB): longer sequences rebuild a boolean
     * mask per call instead.
     */
    static final long MAX_CACHED = 1024;

    private static final ConcurrentHashMap<Long, Tensor> MASKS = new ConcurrentHashMap<>();

    private CausalMasks() {}

    /** The [t, t] additive mask, a view (read-only: callers add it, never write into it). */
    static Tensor additive(long t) {
        long size = t <= 1 ? 1 : Long.highestOneBit(t - 1) << 1;
        Tensor mask = MASKS.computeIfAbsent(size, CausalMasks::create);
        return size == t ? mask : Tensors.slice(Tensors.slice(mask, 0, 0, t), 1, 0, t);
    }

    private static Tensor create(long t) {
        // triu(1) keeps −∞ above the diagonal and writes 0 on and below it.
        Tensor mask = torch.full(new long[] {t, t}, Tensors.s(Double.NEGATIVE_INFINITY), new DimnameListOptional(),
                Tensors.options(ScalarType.Float)).triu(1);
        // Created inside some step's PointerScope, which would free it when the step ends: take one reference for
        // the cache, then leave the scope (detach releases the scope's own reference).
        mask.retainReference();
        PointerScope scope = PointerScope.getInnerScope();
        if (scope != null) {
            scope.detach(mask);
        }
        return mask;
    }
}
