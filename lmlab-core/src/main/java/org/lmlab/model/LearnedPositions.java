package org.lmlab.model;

import org.bytedeco.pytorch.Tensor;
import org.lmlab.nn.Module;
import org.lmlab.nn.Parameter;
import org.lmlab.nn.Role;
import org.lmlab.tensor.Tensors;

/**
 * Learned absolute position embeddings P ∈ R^{T_max × d} added to the token embeddings, initialized to the
 * sinusoids of Vaswani et al. 2017, §3.5 — P[t, 2i] = sin(t / 10000^{2i/d}), P[t, 2i+1] = cos(t / 10000^{2i/d}) —
 * scaled by √2·σ so each component has the token embeddings' RMS σ (else the positions would drown the tokens
 * after the first norm). The brief of Wen, Dang and Lyu 2024 found this initialization (with a curriculum) what
 * lets a small Transformer leave the ~20% plateau of associative recall. Parameter {@code weight}, role EMBEDDING.
 */
public final class LearnedPositions extends Module {
    private final Parameter weight;

    public LearnedPositions(int maxSeqLen, int dModel, double std) {
        this.weight = parameter("weight", sinusoids(maxSeqLen, dModel).mul_(Tensors.s(Math.sqrt(2.0) * std)),
                Role.EMBEDDING);
    }

    /** The unscaled sinusoid table [T, d]. */
    static Tensor sinusoids(int t, int d) {
        float[] v = new float[t * d];
        for (int p = 0; p < t; p++) {
            for (int i = 0; i < d; i++) {
                double angle = p / Math.pow(10000.0, (i - i % 2) / (double) d);
                v[p * d + i] = (float) (i % 2 == 0 ? Math.sin(angle) : Math.cos(angle));
            }
        }
        return Tensors.floats(v, t, d);
    }

    /** x [B, T, d] + P[0:T]. */
    public Tensor forward(Tensor x) {
        return x.add(Tensors.slice(weight.tensor(), 0, 0, x.size(1)));
    }
}
