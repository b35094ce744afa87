package org.lmlab.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.lmlab.model.Decoder;
import org.lmlab.model.DecoderConfig;
import org.lmlab.optim.LossClosure;
import org.lmlab.optim.OptimConfig;
import org.lmlab.optim.Optimizer;
import org.lmlab.tensor.Rng;
import org.lmlab.tensor.Tensors;
import org.lmlab.tensor.Torch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code lmlab bench optim}: the cost of every optimizer of the zoo on the reference model (DecoderConfig defaults,
 * B 16, T 128, random tokens) at its recommended settings — median ms per whole training step, its ratio to AdamW's,
 * and the time of the optimizer's update alone (median, and mean, which includes the periodic work: Soap's basis
 * refresh, Sophia's Hessian estimate). Rounds alternate over the optimizers so that drift in the machine's load
 * hits them all alike.
 */
@Command(name = "optim", description = "Cost of every optimizer of the zoo on the reference model, against AdamW.")
final class BenchOptimCommand implements Callable<Integer> {
    private static final int BATCH = 16;
    private static final int WARMUP = 3;
    /** The zoo of the study (plain SGD is not one of its optimizers). */
    private static final List<OptimConfig.Kind> ZOO = java.util.Arrays.stream(OptimConfig.Kind.values())
            .filter(k -> k != OptimConfig.Kind.SGD).toList();

    @Option(names = "--steps", defaultValue = "10",
            description = "Timed steps per optimizer and round (after 3 warm-up steps).")
    int steps;

    @Option(names = "--repeats", defaultValue = "2", description = "Rounds over all optimizers; medians reported.")
    int repeats;

    @Override
    public Integer call() {
        Torch.init();
        System.out.printf(Locale.ROOT, "machine: %d threads; OMP_WAIT_POLICY=%s%n", Torch.threads(),
                System.getenv("OMP_WAIT_POLICY"));
        run(steps, repeats, System.out);
        return 0;
    }

    static void run(int steps, int repeats, PrintStream out) {
        DecoderConfig c = DecoderConfig.defaults();
        Map<OptimConfig.Kind, List<Double>> stepMs = new EnumMap<>(OptimConfig.Kind.class);
        Map<OptimConfig.Kind, List<Double>> updateMs = new EnumMap<>(OptimConfig.Kind.class);
        // An untimed pass first: whoever ran first would otherwise pay for JIT compilation and allocator warm-up.
        measure(c, OptimConfig.Kind.ADAMW, 1, new ArrayList<>(), new ArrayList<>());
        for (int r = 0; r < repeats; r++) {
            for (OptimConfig.Kind kind : ZOO) {
                List<Double> ms = stepMs.computeIfAbsent(kind, k -> new ArrayList<>());
                measure(c, kind, steps, ms, updateMs.computeIfAbsent(kind, k -> new ArrayList<>()));
                System.err.printf(Locale.ROOT, "round %d/%d %-10s %8.1f ms/step%n", r + 1, repeats, name(kind),
                        BenchTrainCommand.median(ms.subList(ms.size() - steps, ms.size())));
            }
        }
        double adamw = BenchTrainCommand.median(stepMs.get(OptimConfig.Kind.ADAMW));
        out.printf(Locale.ROOT, "reference model (d %d, %d layers, vocab %d), B %d, T %d; %d timed steps x %d rounds%n",
                c.dModel(), c.nLayers(), c.vocabSize(), BATCH, c.maxSeqLen(), steps, repeats);
        out.printf(Locale.ROOT, "%-10s %10s %9s %12s %12s %8s%n", "optimizer", "ms/step", "x AdamW", "update ms",
                "update mean", "share");
        for (OptimConfig.Kind kind : ZOO) {
            double ms = BenchTrainCommand.median(stepMs.get(kind));
            double update = BenchTrainCommand.median(updateMs.get(kind));
            double mean = updateMs.get(kind).stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            out.printf(Locale.ROOT, "%-10s %10.1f %9.2f %12.1f %12.1f %7.0f%%%n", name(kind), ms, ms / adamw, update,
                    mean, 100 * update / ms);
        }
    }

    private static void measure(DecoderConfig c, OptimConfig.Kind kind, int steps, List<Double> stepMs,
            List<Double> updateMs) {
        Rng.seed(0);
        Decoder m = new Decoder(c);
        Optimizer opt = OptimConfig.defaults(kind).build(m.namedParameters(), 0);
        for (int s = 0; s < steps + WARMUP; s++) {
            long t0 = System.nanoTime();
            try (PointerScope scope = new PointerScope()) {
                Tensor ids = torch.randint(c.vocabSize(), new long[] {BATCH, c.maxSeqLen() + 1});
                Tensor x = Tensors.slice(ids, 1, 0, c.maxSeqLen());
                Tensor y = Tensors.slice(ids, 1, 1, c.maxSeqLen() + 1);
                opt.step(LossClosure.of(() -> m.loss(x, y))).item_double();
            }
            if (s >= WARMUP) {
                stepMs.add((System.nanoTime() - t0) / 1e6);
                updateMs.add(opt.lastUpdateNanos() / 1e6);
            }
        }
    }

    private static String name(OptimConfig.Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
