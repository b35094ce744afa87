package org.lmlab.model;

import java.util.Arrays;
import java.util.Random;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.lmlab.tensor.NoGrad;
import org.lmlab.tensor.Tensors;

/**
 * Autoregressive sampling: temperature-scaled softmax over the top-k logits of the last position, drawn with a
 * seeded Java RNG so the same seed gives the same text. The context is cropped to the model's
 * {@code max_seq_len}. Temperature 0 is greedy decoding.
 */
public final class Sampler {
    private Sampler() {}

    public static long[] generate(Decoder model, long[] prompt, int maxNew, double temperature, int topK, long seed,
            Device device) {
        if (prompt.length == 0) {
            throw new IllegalArgumentException("the prompt must hold at least one token");
        }
        long[] seq = Arrays.copyOf(prompt, prompt.length + maxNew);
        int len = prompt.length;
        Random rng = new Random(seed);
        int window = model.config().maxSeqLen();
        try (NoGrad g = NoGrad.enter()) {
            for (int i = 0; i < maxNew; i++) {
                try (PointerScope scope = new PointerScope()) {
                    int start = Math.max(0, len - window);
                    Tensor ids = Tensors.longs(Arrays.copyOfRange(seq, start, len), 1, len - start).to(device,
                            org.bytedeco.pytorch.global.torch.ScalarType.Long);
                    Tensor last = model.forward(ids).select(1, len - start - 1).select(0, 0);
                    seq[len++] = pick(Tensors.toDoubles(last), temperature, topK, rng);
                }
            }
        }
        return seq;
    }

    /** Samples an index from logits (greedy when temperature ≤ 0). */
    static int pick(double[] logits, double temperature, int topK, Random rng) {
        int best = 0;
        for (int i = 1; i < logits.length; i++) {
            if (logits[i] > logits[best]) {
                best = i;
            }
        }
        if (temperature <= 0) {
            return best;
        }
        double cutoff = Double.NEGATIVE_INFINITY;
        if (topK > 0 && topK < logits.length) {
            double[] sorted = logits.clone();
            Arrays.sort(sorted);
            cutoff = sorted[sorted.length - topK];
        }
        double[] w = new double[logits.length];
        double sum = 0;
        for (int i = 0; i < logits.length; i++) {
            w[i] = logits[i] >= cutoff ? Math.exp((logits[i] - logits[best]) / temperature) : 0;
            sum += w[i];
        }
        double u = rng.nextDouble() * sum;
        for (int i = 0; i < w.length; i++) {
            u -= w[i];
            if (u <= 0 && w[i] > 0) {
                return i;
            }
        }
        return best;
    }
}
