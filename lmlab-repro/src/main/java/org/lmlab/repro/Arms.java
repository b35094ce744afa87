package org.lmlab.repro;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.lmlab.config.Configs;
import org.lmlab.tensor.Torch;
import java.util.function.Function;
import org.lmlab.train.Listener;
import org.lmlab.train.RunConfig;
import org.lmlab.train.TrainRun;
import org.lmlab.train.TrainSummary;

/**
 * The arms of a reproduction as ordinary training runs: each arm is a {@link RunConfig} (written as YAML-style
 * overrides), trained by {@link TrainRun} into {@code <repro dir>/runs/<arm>/} — config, provenance, metrics and
 * the final checkpoint, so {@code lmlab probe …} and {@code lmlab eval} work on it afterwards.
 *
 * <p>Arms are prepared one after another (initial weights come from libtorch's global generator) and then trained
 * concurrently, one intra-op thread each, as many at a time as the thread budget ({@code LMLAB_THREADS}, default the
 * physical cores): small models cannot use two cores for one step, but two arms can. An arm's numbers do not depend
 * on how many arms run beside it.
 */
public final class Arms {
    private Arms() {}

    /** A trained arm: the run's model (with its final weights), task and device, and its summary. */
    public record Trained(String name, TrainRun.Built built, TrainSummary summary) {
        public double evalLoss() {
            return summary.finalEval().loss();
        }

        public double evalAccuracy() {
            return summary.finalEval().accuracy();
        }
    }

    /** The run config {@code overrides} describe, on top of the library defaults. */
    public static RunConfig config(List<String> overrides) {
        return Configs.withOverrides(RunConfig.defaults(), overrides);
    }

    /**
     * How many arms train at once: the intra-op thread budget ({@code LMLAB_THREADS}, default the physical cores),
     * one thread per arm — a d=32 model's step is too small to use two cores, but two arms use them fully.
     */
    public static int parallelism() {
        return Math.max(1, Torch.threads());
    }

    /** Trains every config into the reproduction's {@code runs/} folder; results in the order given. */
    public static List<Trained> train(ReproContext ctx, List<RunConfig> configs) throws Exception {
        return train(ctx, configs, p -> null);
    }

    /**
     * As {@link #train(ReproContext, List)}, with a listener per arm from {@code watch} (null for none), e.g. a
     * probe that records a measure during training.
     */
    public static List<Trained> train(ReproContext ctx, List<RunConfig> configs,
            Function<TrainRun.Prepared, Listener> watch) throws Exception {
        return train(ctx, configs, parallelism(), watch);
    }

    /**
     * As {@link #train(ReproContext, List, Function)}, {@code workers} arms at a time (one thread each). More arms
     * than cores helps when they differ in length: a short arm then shares the cores instead of queueing behind a
     * long one. The numbers do not change, only the wall time.
     */
    public static List<Trained> train(ReproContext ctx, List<RunConfig> configs, int workers,
            Function<TrainRun.Prepared, Listener> watch) throws Exception {
        Path root = ctx.dir().resolve("runs");
        // One thread per arm in libtorch and OpenBLAS (see BlasThreads for why BLAS too).
        return Torch.withThreads(1, () -> trainPrepared(ctx, configs, workers, watch, root));
    }

    private static List<Trained> trainPrepared(ReproContext ctx, List<RunConfig> configs, int workers,
            Function<TrainRun.Prepared, Listener> watch, Path root) throws Exception {
        List<TrainRun.Prepared> prepared = new ArrayList<>();
        for (RunConfig c : configs) {
            TrainRun.Prepared p = TrainRun.prepare(c, root, false, prefixed(ctx.out(), c.name()),
                    List.of("repro", c.name()));
            Listener l = watch.apply(p);
            if (l != null) {
                p.trainer().listen(l);
            }
            prepared.add(p);
        }
        int at = Math.max(1, Math.min(workers, configs.size()));
        ctx.log("training %d arms (%s), %d at a time", configs.size(),
                String.join(", ", configs.stream().map(RunConfig::name).toList()), at);
        ExecutorService pool = Executors.newFixedThreadPool(at);
        try {
            List<Future<TrainSummary>> runs = new ArrayList<>();
            for (TrainRun.Prepared p : prepared) {
                runs.add(pool.submit(p::train));
            }
            List<Trained> out = new ArrayList<>();
            for (int i = 0; i < prepared.size(); i++) {
                TrainSummary s = runs.get(i).get();
                String name = configs.get(i).name();
                ctx.log("arm %s: held-out loss %.4f, accuracy %.4f (%.0f s)", name, s.finalEval().loss(),
                        s.finalEval().accuracy(), s.seconds());
                out.add(new Trained(name, prepared.get(i).built(), s));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Lines of one arm's progress, prefixed with its name (arms print concurrently). */
    private static PrintStream prefixed(PrintStream out, String name) {
        return new PrintStream(new OutputStream() {
            private final ByteArrayOutputStream line = new ByteArrayOutputStream();

            @Override
            public synchronized void write(int b) {
                if (b == '\n') {
                    out.println("  [" + name + "] " + line.toString(StandardCharsets.UTF_8));
                    line.reset();
                } else {
                    line.write(b);
                }
            }
        }, true, StandardCharsets.UTF_8);
    }
}
