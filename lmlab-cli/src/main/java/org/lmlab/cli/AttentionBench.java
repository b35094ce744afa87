package org.lmlab.cli;

import java.util.Arrays;
import java.util.Locale;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.lmlab.model.AttentionSpec;
import org.lmlab.model.Decoder;
import org.lmlab.model.DecoderConfig;
import org.lmlab.nn.Mlp;
import org.lmlab.nn.Norm;
import org.lmlab.optim.OptimConfig;
import org.lmlab.optim.Optimizer;
import org.lmlab.tensor.Rng;
import org.lmlab.tensor.Tensors;
import org.lmlab.tensor.Torch;

/**
 * {@code lmlab bench attention}: training-step time of PaTH attention against softmax attention (RoPE) at sequence
 * lengths 64–512, same model otherwise (vocab 512, d 128, 4 heads, 2 layers, batch 4, AdamW). PaTH runs its
 * chunked UT/WY form (chunk 64), which keeps the cost O(L²d) like attention, and — for contrast — the unchunked
 * compact form, whose L×L triangular solve is O(L³). Medians of the timed steps after 2 warm-up steps.
 */
final class AttentionBench {
    private AttentionBench() {}

    static int run(int steps) {
        Torch.init();
        System.out.printf(Locale.ROOT, "attention bench: d 128, 4 heads, 2 layers, batch 4, %d threads; ms/step (median of %d)%n",
                Torch.threads(), steps);
        System.out.printf(Locale.ROOT, "%6s %10s %10s %10s %12s %16s%n", "L", "softmax", "path", "path/soft",
                "path L×L", "path L×L/soft");
        for (int l : new int[] {64, 128, 256, 512}) {
            DecoderConfig base = new DecoderConfig(512, 128, 4, 2, 0, l, Norm.Kind.RMSNORM, Mlp.Kind.SWIGLU,
                    DecoderConfig.Position.ROPE, 10000, false, false, 1e-5, 0.02, DecoderConfig.AttentionImpl.AUTO);
            DecoderConfig path = new DecoderConfig(512, 128, 4, 2, 0, l, Norm.Kind.RMSNORM, Mlp.Kind.SWIGLU,
                    DecoderConfig.Position.NONE, 10000, false, false, 1e-5, 0.02, DecoderConfig.AttentionImpl.AUTO,
                    AttentionSpec.of(AttentionSpec.Kind.PATH), null, null);
            double soft = stepMs(base, steps);
            double chunked = stepMs(path, steps);
            double whole = stepMs(path.withAttention(path.attention().withPath(16, 3, l, false)), steps);
            System.out.printf(Locale.ROOT, "%6d %10.1f %10.1f %9.2fx %12.1f %15.2fx%n", l, soft, chunked, chunked / soft,
                    whole, whole / soft);
        }
        return 0;
    }

    private static double stepMs(DecoderConfig c, int steps) {
        Rng.seed(0);
        Decoder m = new Decoder(c);
        Optimizer opt = OptimConfig.defaults().build(m.namedParameters());
        int len = c.maxSeqLen();
        double[] times = new double[steps];
        for (int s = 0; s < steps + 2; s++) {
            long t0 = System.nanoTime();
            try (PointerScope scope = new PointerScope()) {
                Tensor ids = torch.randint(c.vocabSize(), new long[] {4, len + 1});
                Tensor x = Tensors.slice(ids, 1, 0, len);
                Tensor y = Tensors.slice(ids, 1, 1, len + 1);
                opt.step(() -> {
                    Tensor loss = m.loss(x, y);
                    loss.backward();
                    return loss;
                }).item_double();
            }
            if (s >= 2) {
                times[s - 2] = (System.nanoTime() - t0) / 1e6;
            }
        }
        Arrays.sort(times);
        return times[steps / 2];
    }
}
