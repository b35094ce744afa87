package org.lmlab.repro.lpn;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.PointerScope;
import org.lmlab.optim.AdamW;
import org.lmlab.optim.Optimizer;
import org.lmlab.report.Plot;
import org.lmlab.repro.Criterion;
import org.lmlab.repro.ReproContext;
import org.lmlab.repro.Reproduction;
import org.lmlab.repro.Verdict;
import org.lmlab.tensor.Rng;

/**
 * "Solving LPN with Neural Networks" (Jiang, Wen, Chen 2023), the brief's calibrated setting: a two-layer network
 * (width 256, ±1 encoding, Adam 1e-3, weight decay 1e-3, batches of 512 fresh samples) learns LPN and the secret is
 * read back from it; Gaussian elimination runs on the same sample stream in the same run, both timed.
 */
public final class Lpn implements Reproduction {
    static final int WIDTH = 256;
    static final int BATCH = 512;
    /**
     * Secret Hamming weight as a fraction of n: n/2, a typical secret. (The public code's default 0.2 makes the
     * parity sparse — n=20 falls in ~750 steps instead of the brief's ~8k.)
     */
    static final double WEIGHT = 0.5;

    @Override
    public String name() {
        return "lpn";
    }

    @Override
    public String paper() {
        return "Solving LPN with Neural Networks";
    }

    /** One (n, τ) instance: the network's and elimination's results. */
    record Instance(int n, double tau, boolean netSolved, long netSteps, double netSeconds, double testAcc,
            double accThreshold, boolean geSolved, long geCandidates, double geSeconds, double[] at, double[] acc) {}

    @Override
    public Verdict run(ReproContext ctx) throws Exception {
        List<Instance> done = new ArrayList<>();
        // n=20, τ=0.4 takes ~10k steps (~30 s): the quick version runs the judged instance too, the full one adds n=24.
        Instance main = solve(ctx, 20, 0.4, 25_000);
        done.add(main);
        if (!ctx.quick()) {
            // Reported, not judged (the brief: "report n=24, τ=0.3 in the full run").
            done.add(solve(ctx, 24, 0.3, 40_000));
        }
        report(ctx, done);
        String size = "n=" + main.n() + ", τ=" + main.tau();
        return Verdict.of(
                Criterion.check("network recovers the secret (" + size + ")", main.netSolved() ? "yes, step "
                        + main.netSteps() : "no", "recovered", main.netSolved()),
                Criterion.atLeast("network test accuracy (" + size + ")", main.testAcc(), main.accThreshold()),
                Criterion.check("elimination recovers the secret (" + size + ")", main.geSolved() ? "yes" : "no",
                        "recovered", main.geSolved()));
    }

    private Instance solve(ReproContext ctx, int n, double tau, long maxSteps) {
        long seed = Rng.mix(ctx.seed(), n * 100L + Math.round(tau * 100));
        LpnOracle oracle = new LpnOracle(n, tau, WEIGHT, seed);
        // Elimination gets the network's first training samples: 8 batches, drawn from the same stream below.
        LpnOracle forGe = new LpnOracle(n, tau, WEIGHT, seed);
        long[] pool;
        try (PointerScope scope = new PointerScope()) {
            List<long[]> parts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                parts.add(LpnOracle.pack(forGe.draw(BATCH)));
            }
            pool = parts.stream().flatMapToLong(java.util.Arrays::stream).toArray();
        }
        GaussianElimination.Result ge = GaussianElimination.solve(pool, n, tau, 50_000_000L, seed);
        boolean geOk = ge.secret() == oracle.secret;
        ctx.log("n=%d tau=%.2f: elimination %s after %d candidates in %.3f s", n, tau, geOk ? "recovered s" : "FAILED",
                ge.candidates(), ge.seconds());
        Rng.seed(seed);
        LpnNetwork net = new LpnNetwork(n, WIDTH);
        Optimizer opt = new AdamW(net.namedParameters(), 1e-3, 0.9, 0.999, 1e-8, 1e-3, 0);
        int nTest = 10_000;
        double threshold = 0.5 + Math.sqrt(Math.log(20) / nTest);
        List<Double> at = new ArrayList<>();
        List<Double> accs = new ArrayList<>();
        long t0 = System.nanoTime();
        long solvedAt = -1;
        double acc = 0;
        try (PointerScope keep = new PointerScope()) {
            // Held-out samples and read-out queries: the same secret, independent streams.
            LpnOracle.Batch test = new LpnOracle(n, tau, WEIGHT, seed, Rng.mix(seed, 99)).draw(nTest);
            LpnOracle.Batch probe = new LpnOracle(n, tau, WEIGHT, seed, Rng.mix(seed, 98)).draw(2000);
            for (long step = 1; step <= maxSteps; step++) {
                try (PointerScope scope = new PointerScope()) {
                    LpnOracle.Batch b = oracle.draw(BATCH);
                    opt.step(() -> {
                        var loss = net.loss(b);
                        loss.backward();
                        return loss;
                    });
                }
                if (step % 250 == 0) {
                    try (PointerScope scope = new PointerScope()) {
                        acc = net.accuracy(test);
                        at.add((double) step);
                        accs.add(acc);
                        if (acc >= threshold && net.recoverSecret(probe) == oracle.secret) {
                            solvedAt = step;
                        }
                    }
                    if (step % 2000 == 0 || solvedAt > 0) {
                        ctx.log("n=%d tau=%.2f: network step %6d, test accuracy %.4f (1 − τ = %.2f)%s", n, tau, step,
                                acc, 1 - tau, solvedAt > 0 ? ", secret recovered" : "");
                    }
                    if (solvedAt > 0) {
                        break;
                    }
                }
            }
        }
        double netSeconds = (System.nanoTime() - t0) / 1e9;
        return new Instance(n, tau, solvedAt > 0, solvedAt > 0 ? solvedAt : maxSteps, netSeconds, acc, threshold,
                geOk, ge.candidates(), ge.seconds(), at.stream().mapToDouble(Double::doubleValue).toArray(),
                accs.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private void report(ReproContext ctx, List<Instance> done) throws Exception {
        Plot plot = Plot.lines("Network test accuracy on noisy labels", "step", "accuracy");
        List<List<String>> rows = new ArrayList<>();
        for (Instance i : done) {
            plot.series("n=" + i.n() + ", τ=" + i.tau(), i.at(), i.acc());
            rows.add(List.of(String.valueOf(i.n()), String.valueOf(i.tau()),
                    i.netSolved() ? "yes" : "no", String.valueOf(i.netSteps()), String.format("%.1f", i.netSeconds()),
                    i.geSolved() ? "yes" : "no", String.valueOf(i.geCandidates()), String.format("%.3f", i.geSeconds()),
                    String.format("%.0f", Math.pow(1 - i.tau(), -i.n()))));
        }
        plot.save(ctx.dir().resolve("accuracy.png"));
        ctx.report()
                .paragraph("Secret of Hamming weight ⌊" + WEIGHT + "·n⌋, a uniform. Network: "
                        + "two-layer ReLU MLP, width " + WIDTH + ", ±1 inputs, BCE, AdamW lr 1e-3 (β 0.9/0.999, "
                        + "lr-coupled weight decay 1e-3), batches of " + BATCH + " fresh samples; success = test accuracy "
                        + "≥ 0.5 + √(ln 20 / 10000) and the bit-flip majority read-out equals s. Elimination: "
                        + "Prange-style Gaussian elimination over GF(2) on the network's first " + (8 * BATCH)
                        + " samples, candidates verified against that pool.")
                .table(List.of("n", "τ", "network solved", "steps", "network s", "elimination solved", "candidates",
                        "elimination s", "(1−τ)^−n"), rows)
                .paragraph("Which wins: at these sizes elimination — about a second against the network's tens of "
                        + "seconds, see the table. Its cost grows like (1−τ)^−n candidate systems (the measured counts "
                        + "are several times that: a random n × n system over GF(2) is singular ~71% of the time) "
                        + "times n³/64 word operations plus verification, while the network's "
                        + "step count grows with n at fixed τ but depends on τ far less steeply. The paper puts the "
                        + "crossover near n ≈ 26 with τ → 0.5 ((1−τ)^−n ≈ 7·10⁷ there; guess-then-eliminate took 3.12 "
                        + "days on 64 cores vs 66 minutes for the networks on 8 GPUs); the sizes here are below it. Only "
                        + "plain (Prange-style) elimination is implemented — BKW and guess-then-eliminate are not.")
                .image("accuracy", "accuracy.png");
    }
}
