package org.lmlab.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.lmlab.model.Decoder;
import org.lmlab.model.DecoderConfig;
import org.lmlab.tensor.Hvp;
import org.lmlab.tensor.Rng;
import org.lmlab.tensor.Tensors;
import org.lmlab.tensor.Torch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lmlab bench hessian}: the cost of one exact Hessian-vector product relative to one gradient on the
 * reference model (DecoderConfig defaults, B 16, T = max_seq_len). A gradient is forward + backward; a
 * Hessian-vector product from scratch is forward + backward with {@code create_graph} + one double backward
 * (what a probe pays for a single product on a new batch); a further product on the retained graph costs only the
 * double backward (what Lanczos and Hutchinson pay per product). Medians over the timed repetitions, measured
 * alternately so both see the same machine state.
 */
@Command(name = "hessian", description = "Cost of an exact Hessian-vector product relative to a gradient on the "
        + "reference model (target <= 2.5x).")
final class BenchHessianCommand implements Callable<Integer> {
    @Option(names = "--steps", defaultValue = "10", description = "Timed repetitions (after 2 warm-up ones).")
    int steps;

    @Override
    public Integer call() {
        if (steps < 1) {
            throw new org.lmlab.config.BadInputException("--steps must be >= 1");
        }
        Torch.init();
        DecoderConfig c = DecoderConfig.defaults();
        int batch = 16;
        Rng.seed(0);
        Decoder m = new Decoder(c);
        List<Tensor> leaves = m.parameters().stream().map(p -> p.tensor()).toList();
        Tensor ids = torch.randint(c.vocabSize(), new long[] {batch, c.maxSeqLen() + 1});
        Tensor x = Tensors.slice(ids, 1, 0, c.maxSeqLen());
        Tensor y = Tensors.slice(ids, 1, 1, c.maxSeqLen() + 1);
        double[] grad = new double[steps];
        double[] hvp = new double[steps];
        double[] extra = new double[steps];
        for (int s = -2; s < steps; s++) {
            long t0 = System.nanoTime();
            try (PointerScope scope = new PointerScope()) {
                Hvp.gradient(m.loss(x, y), leaves).get(0).sum().item_double();
            }
            long t1 = System.nanoTime();
            double extraMs;
            try (PointerScope scope = new PointerScope()) {
                Hvp h = Hvp.of(m.loss(x, y), leaves);
                List<Tensor> v = h.gradient();
                h.apply(v).get(0).sum().item_double();
                long t2 = System.nanoTime();
                h.apply(v).get(0).sum().item_double();
                extraMs = (System.nanoTime() - t2) / 1e6;
                if (s >= 0) {
                    hvp[s] = (t2 - t1) / 1e6;
                }
            }
            if (s >= 0) {
                grad[s] = (t1 - t0) / 1e6;
                extra[s] = extraMs;
            }
        }
        double g = median(grad);
        double h = median(hvp);
        double e = median(extra);
        System.out.printf(Locale.ROOT, "reference model (d %d, %d layers, vocab %d), B %d, T %d, %d threads, %d timed "
                + "repetitions%n", c.dModel(), c.nLayers(), c.vocabSize(), batch, c.maxSeqLen(), Torch.threads(), steps);
        System.out.printf(Locale.ROOT, "gradient (forward + backward)              : %7.1f ms%n", g);
        System.out.printf(Locale.ROOT, "Hessian-vector product from scratch         : %7.1f ms  = %.2fx a gradient "
                + "(target <= 2.5x)%n", h, h / g);
        System.out.printf(Locale.ROOT, "each further product on the retained graph  : %7.1f ms  = %.2fx a gradient%n",
                e, e / g);
        return 0;
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
