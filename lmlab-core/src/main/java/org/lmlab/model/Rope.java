package org.lmlab.model;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.lmlab.tensor.Tensors;

/**
 * Rotary position embedding (Su et al. 2021, "RoFormer", §3.4) in the Hugging Face Llama layout: the head
 * dimension is split in two halves (not interleaved pairs), so with θ_i = base^(−2i/d), i &lt; d/2,
 * <pre>
 *   rope(x)_t = x_t · cos(t·θ) + rotate_half(x_t) · sin(t·θ),   rotate_half([x1, x2]) = [−x2, x1]
 * </pre>
 * with cos/sin repeated over both halves. This layout lets exported weights load into {@code transformers}'
 * Llama unchanged.
 */
public final class Rope {
    private final Tensor cos;
    private final Tensor sin;
    private final Tensor cos32;
    private final Tensor sin32;

    public Rope(int headDim, int maxSeqLen, double base) {
        int half = headDim / 2;
        double[] c = new double[maxSeqLen * headDim];
        double[] s = new double[maxSeqLen * headDim];
        for (int t = 0; t < maxSeqLen; t++) {
            for (int i = 0; i < half; i++) {
                double angle = t * Math.pow(base, -2.0 * i / headDim);
                c[t * headDim + i] = c[t * headDim + half + i] = Math.cos(angle);
                s[t * headDim + i] = s[t * headDim + half + i] = Math.sin(angle);
            }
        }
        // Angles computed in double: a float64 model gets exact tables.
        this.cos = Tensors.doubles(c, maxSeqLen, headDim);
        this.sin = Tensors.doubles(s, maxSeqLen, headDim);
        // Cast once here, outside any step scope, so the common float32 path does no per-call conversion.
        this.cos32 = cos.to(ScalarType.Float);
        this.sin32 = sin.to(ScalarType.Float);
    }

    /** Rotates x of shape [B, H, T, headDim] at positions offset..offset+T−1. */
    public Tensor apply(Tensor x, long offset) {
        long t = x.size(2);
        if (offset + t > cos.size(0)) {
            throw new IllegalArgumentException("sequence of " + (offset + t) + " exceeds max_seq_len " + cos.size(0));
        }
        ScalarType type = x.scalar_type();
        Tensor c = Tensors.slice(type == ScalarType.Float ? cos32 : cos, 0, offset, offset + t);
        Tensor s = Tensors.slice(type == ScalarType.Float ? sin32 : sin, 0, offset, offset + t);
        if (c.scalar_type() != type) {
            c = c.to(type);
            s = s.to(type);
        }
        Tensor[] halves = Tensors.chunk(x, 2, -1);
        Tensor rotated = torch.cat(new org.bytedeco.pytorch.TensorVector(halves[1].neg(), halves[0]), -1);
        return x.mul(c).add(rotated.mul(s));
    }
}
