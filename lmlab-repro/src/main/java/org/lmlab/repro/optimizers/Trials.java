package org.lmlab.repro.optimizers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.lmlab.repro.ReproContext;
import org.lmlab.run.MetricsLog;
import org.lmlab.sweep.InProcessExecutor;
import org.lmlab.sweep.Strategy;
import org.lmlab.sweep.Sweep;
import org.lmlab.sweep.SweepSpec;

/**
 * Runs the benchmark's learning-rate searches as sweeps under the reproduction directory (resumable, indexed by
 * {@code lmlab runs}, each trial a full run directory) and reads validation losses back from them.
 *
 * <p>Every search is a local descent on one log lattice of learning rates (factor 2 apart): from a starting rate,
 * try both neighbours, move to the better one, stop at a rate better than both sides — so a tuned rate is never
 * left at the edge of a grid, and a search costs ~3–4 runs. Searches run concurrently in this JVM, {@code parallel}
 * at a time, each training on one intra-op thread (tiny models: a child JVM's start-up would cost more than a run).
 */
final class Trials implements AutoCloseable {
    /**
     * The lattice 1e-3·2^k, k = −6..11: 1.6e-5 .. 2.048. Kron's preconditioner starts at the identity, so its raw
     * step is the momentum's size and its tuned rate runs high in short runs (0.512, the old edge, at 41 steps).
     */
    static final List<String> LATTICE = IntStream.rangeClosed(-6, 11)
            .mapToObj(k -> Double.toString(1e-3 * Math.pow(2, k))).toList();

    /** Companion learning-rate ratios, factor 2 apart, from well below the brief's 0.2 to well above 1. */
    static final List<String> RATIOS = List.of("0.025", "0.05", "0.1", "0.2", "0.4", "0.8", "1.6", "3.2", "6.4");

    private final ReproContext ctx;
    private final ThreadPoolExecutor pool;
    private final AtomicLong order = new AtomicLong();

    /**
     * A queued search: higher priority first, then submission order. Longest-first keeps the long 8× searches off
     * the end of the run (with FIFO order the full run idled one core for minutes behind its last search).
     */
    private record Queued(Runnable task, long priority, long seq) implements Runnable, Comparable<Queued> {
        @Override
        public void run() {
            task.run();
        }

        @Override
        public int compareTo(Queued o) {
            return priority != o.priority ? Long.compare(o.priority, priority) : Long.compare(seq, o.seq);
        }
    }

    Trials(ReproContext ctx, int parallel) {
        this.ctx = ctx;
        this.pool = new ThreadPoolExecutor(parallel, parallel, 0, TimeUnit.SECONDS, new PriorityBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, "optimizer-benchmark-search");
                    t.setDaemon(true);
                    return t;
                });
    }

    /** Runs {@code task} on the pool ahead of everything queued with a lower {@code priority}. */
    private java.util.concurrent.Executor at(long priority) {
        return r -> pool.execute(new Queued(r, priority, order.getAndIncrement()));
    }

    /** The point of {@code line} nearest {@code x} in log distance. */
    static String nearest(List<String> line, double x) {
        String best = line.get(0);
        for (String v : line) {
            if (Math.abs(Math.log(Double.parseDouble(v) / x)) < Math.abs(Math.log(Double.parseDouble(best) / x))) {
                best = v;
            }
        }
        return best;
    }

    /**
     * Searches the learning rate from {@code startLr}, on top of base.yaml plus {@code overrides}; searches with a
     * higher {@code priority} start first.
     */
    CompletableFuture<Sweep.Outcome> search(String name, List<String> overrides, double startLr, long priority) {
        return search(name, overrides, startLr, Double.NaN, priority);
    }

    /**
     * Searches the learning rate from {@code startLr} and, unless {@code startRatio} is NaN, the learning-rate ratio
     * of the AdamW/Signum companion that Muon and Scion give embeddings, head and 1-D parameters — the paper tunes
     * it too, and at small widths those parameters are a large share of the model.
     */
    CompletableFuture<Sweep.Outcome> search(String name, List<String> overrides, double startLr, double startRatio,
            long priority) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        Map<String, String> start = new LinkedHashMap<>();
        params.put("optim.lr", LATTICE);
        start.put("optim.lr", nearest(LATTICE, startLr));
        if (!Double.isNaN(startRatio)) {
            params.put("optim.lr_ratio", RATIOS);
            start.put("optim.lr_ratio", nearest(RATIOS, startRatio));
        }
        return CompletableFuture.supplyAsync(() -> run(new SweepSpec(name, "base.yaml", overrides,
                Strategy.Kind.LOCAL_DESCENT, params, start, 1, SweepSpec.Metric.VAL_LOSS, 6e-3,
                LATTICE.size() + RATIOS.size(), 0)), at(priority));
    }

    /** One run at learning rate {@code lr} (a one-point grid). */
    CompletableFuture<Sweep.Outcome> single(String name, List<String> overrides, double lr, long priority) {
        Map<String, List<String>> grid = new LinkedHashMap<>();
        grid.put("optim.lr", List.of(Double.toString(lr)));
        return CompletableFuture.supplyAsync(() -> run(new SweepSpec(name, "base.yaml", overrides,
                Strategy.Kind.GRID, grid, Map.of(), 1, SweepSpec.Metric.VAL_LOSS, 6e-3, 1, 0)), at(priority));
    }

    private Sweep.Outcome run(SweepSpec spec) {
        try (InProcessExecutor ex = new InProcessExecutor()) {
            return Sweep.run(spec, ctx.dir().resolve("base.yaml"), ctx.dir(), ex, ctx.out());
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    /** Validation loss of a trial at {@code step} (its mid-training evaluation), NaN if absent. */
    static double valLossAt(Path runDir, long step) {
        Path m = runDir.resolve("metrics.jsonl");
        if (!Files.exists(m)) {
            return Double.NaN;
        }
        try {
            for (Map<String, Object> row : MetricsLog.read(m)) {
                if ("val".equals(row.get("split")) && row.get("step") instanceof Number s && s.longValue() == step
                        && row.get("loss") instanceof Number l) {
                    return l.doubleValue();
                }
            }
        } catch (IOException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
