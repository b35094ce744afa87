package org.lmlab.train;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.lmlab.model.Decoder;
import org.lmlab.model.DecoderConfig;
import org.lmlab.nn.Role;
import org.lmlab.tensor.Torch;

/**
 * Model FLOPs and the machine's matmul peak, for MFU = achieved model FLOP/s ÷ peak FLOP/s.
 *
 * <p>Training FLOPs per token follow PaLM (Chowdhery et al. 2022, Appendix B): 6·N + 12·L·T·d, with N the
 * parameters that take part in matmuls (hidden matrices and the head — the embedding lookup is free, but a tied
 * embedding counts once as the head) and the second term the attention score and value products.
 */
public final class Flops {
    /** Peak per intra-op thread count: concurrent in-process trainings run at 1 thread, a lone run at all. */
    private static final Map<Integer, Double> PEAKS = new ConcurrentHashMap<>();

    private Flops() {}

    public static double trainingFlopsPerToken(Decoder model, int seqLen) {
        DecoderConfig c = model.config();
        long n = model.parameterCount(Role.MATRIX, Role.HEAD);
        if (c.tiedHead()) {
            n += (long) c.outputVocab() * c.dModel();
        }
        return 6.0 * n + 12.0 * c.nLayers() * seqLen * c.dModel();
    }

    /**
     * Measured float32 matmul peak of this machine in FLOP/s (best of several 1024³ products on the current intra-op
     * threads), measured once per JVM and thread count.
     */
    public static double peak() {
        return PEAKS.computeIfAbsent(Torch.threads(), t -> measurePeak(1024, 0.4));
    }

    /**
     * Measures the peak again and keeps the larger value: for a caller that observed more model FLOP/s than the
     * peak, which means the first measurement ran while other work held the cores.
     */
    public static double remeasurePeak() {
        return PEAKS.merge(Torch.threads(), measurePeak(1024, 0.4), Math::max);
    }

    public static double measurePeak(int n, double seconds) {
        double best = 0;
        try (PointerScope scope = new PointerScope()) {
            Tensor a = torch.randn(n, n);
            Tensor b = torch.randn(n, n);
            a.matmul(b); // warm-up: thread pool start, page faults
            long end = System.nanoTime() + (long) (seconds * 1e9);
            while (System.nanoTime() < end) {
                // Each product freed at once, so the next reuses its memory: kept until the scope closed, every
                // product was fresh memory whose page faults halved the measured peak on a VM (90 vs 185 GFLOP/s).
                try (PointerScope each = new PointerScope()) {
                    long t0 = System.nanoTime();
                    a.matmul(b);
                    double dt = (System.nanoTime() - t0) / 1e9;
                    best = Math.max(best, 2.0 * n * n * n / dt);
                }
            }
        }
        return best;
    }
}
