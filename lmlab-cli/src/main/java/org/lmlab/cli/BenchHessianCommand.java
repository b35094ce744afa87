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
import org.lmlab.tensor.SecondOrder;
import org.lmlab.tensor.Tensors;
import org.lmlab.tensor.Torch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lmlab bench hessian}: the cost of one exact Hessian-vector product relative to one gradient on the
 * reference model (DecoderConfig defaults, B 16, T = max_seq_len), two numbers against the 2.5× target:
 * <ul>
 *   <li>from scratch: forward + backward with {@code create_graph} + one double backward (what a probe pays for a
 *       single product on a new batch);
 *   <li>amortized: each further product on the retained graph, the double backward alone (what power iteration,
 *       Lanczos and Hutchinson pay per product).
 * </ul>
 * Each phase is timed separately so the report shows where the time goes. Counted in dense matmul passes (see
 * {@link Hvp}) a gradient is 3, a product from scratch 9 and a further product 6: when matmuls dominate, 3× and 2×
 * are the floors of exact double-backward products, printed beside the measurements. Gradient and products are
 * measured in turn within each repetition, so both see the same machine state; times are medians over the
 * repetitions, ratios medians of the per-repetition ratios.
 */
@Command(name = "hessian", description = "Cost of an exact Hessian-vector product relative to a gradient on the "
        + "reference model, from scratch and on a retained graph (target <= 2.5x).")
final class BenchHessianCommand implements Callable<Integer> {
    private static final double TARGET = 2.5;

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
        // Per repetition, in ms: gradient forward, backward; product forward, create_graph backward, double
        // backward; a further double backward. Then the ratios: from scratch, amortized, create_graph/plain backward.
        double[][] t = new double[9][steps];
        for (int s = -2; s < steps; s++) {
            long[] at = new long[8];
            try (PointerScope scope = new PointerScope()) {
                at[0] = System.nanoTime();
                Tensor loss = m.loss(x, y);
                at[1] = System.nanoTime();
                // Reading one value of the result waits for every kernel (a no-op wait on the CPU).
                Hvp.gradient(loss, leaves).get(0).sum().item_double();
                at[2] = System.nanoTime();
            }
            try (PointerScope scope = new PointerScope()) {
                at[3] = System.nanoTime();
                Tensor loss;
                try (SecondOrder so = SecondOrder.enter()) {
                    loss = m.loss(x, y);
                }
                at[4] = System.nanoTime();
                Hvp h = Hvp.of(loss, leaves);
                List<Tensor> v = h.gradient();
                v.get(0).sum().item_double();
                at[5] = System.nanoTime();
                h.apply(v).get(0).sum().item_double();
                at[6] = System.nanoTime();
                h.apply(v).get(0).sum().item_double();
                at[7] = System.nanoTime();
            }
            if (s >= 0) {
                int[][] phases = {{0, 1}, {1, 2}, {3, 4}, {4, 5}, {5, 6}, {6, 7}};
                for (int i = 0; i < phases.length; i++) {
                    t[i][s] = (at[phases[i][1]] - at[phases[i][0]]) / 1e6;
                }
                double grad = t[0][s] + t[1][s];
                t[6][s] = (t[2][s] + t[3][s] + t[4][s]) / grad;
                t[7][s] = t[5][s] / grad;
                t[8][s] = t[3][s] / t[1][s];
            }
        }
        double fwd = median(t[0]);
        double bwd = median(t[1]);
        double fwd2 = median(t[2]);
        double cg = median(t[3]);
        double dbl = median(t[4]);
        double extra = median(t[5]);
        double scratchRatio = median(t[6]);
        double extraRatio = median(t[7]);
        System.out.printf(Locale.ROOT, "reference model (d %d, %d layers, vocab %d), B %d, T %d, %d threads, explicit "
                + "attention; %d timed repetitions: medians (ratios: medians of per-repetition ratios)%n", c.dModel(),
                c.nLayers(), c.vocabSize(), batch, c.maxSeqLen(), Torch.threads(), steps);
        System.out.printf(Locale.ROOT, "gradient              forward %6.1f + backward %6.1f           = %7.1f ms%n",
                fwd, bwd, fwd + bwd);
        System.out.printf(Locale.ROOT, "HVP from scratch      forward %6.1f + create_graph backward %6.1f "
                + "(%.2fx the plain backward) + double backward %6.1f = %7.1f ms%n", fwd2, cg, median(t[8]), dbl,
                fwd2 + cg + dbl);
        System.out.printf(Locale.ROOT, "HVP on retained graph double backward %6.1f ms%n", extra);
        System.out.printf(Locale.ROOT, "from scratch : %.2fx a gradient   target <= %.1fx: %s   (dense-matmul floor "
                + "9/3 = 3.0x)%n", scratchRatio, TARGET, verdict(scratchRatio));
        System.out.printf(Locale.ROOT, "amortized    : %.2fx a gradient   target <= %.1fx: %s   (dense-matmul floor "
                + "6/3 = 2.0x; what power iteration, Lanczos, Hutchinson pay per product)%n", extraRatio, TARGET,
                verdict(extraRatio));
        return 0;
    }

    private static String verdict(double ratio) {
        return ratio <= TARGET ? "met" : "NOT met";
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
