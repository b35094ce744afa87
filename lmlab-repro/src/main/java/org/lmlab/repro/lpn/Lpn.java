package org.lmlab.repro.lpn;

import java.util.ArrayList;
import java.util.Arrays;
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
 * read back from it; Gaussian elimination, guess-then-eliminate and BKW run on the same sample stream in the same run,
 * all timed.
 */
public final class Lpn implements Reproduction {
    static final int WIDTH = 256;
    static final int BATCH = 512;
    /**
     * Secret Hamming weight as a fraction of n: n/2, a typical secret. (The public code's default 0.2 makes the
     * parity sparse — n=20 falls in ~750 steps instead of the brief's ~8k.)
     */
    static final double WEIGHT = 0.5;
    /** BKW's caps: it takes the samples its {@link Bkw#plan} asks for, at most this many, and this much time. */
    static final int BKW_MAX_SAMPLES = 1 << 20;
    static final double BKW_MAX_SECONDS = 30;
    /** Guess-then-eliminate's time cap (it needs ~0.1 s at n = 20, τ = 0.4; the cap guards other sizes). */
    static final double GUESS_MAX_SECONDS = 60;
    /** Systems timed (after as many warm-up ones) for guess-then-eliminate's unit costs. */
    static final long GUESS_CALIBRATION_SYSTEMS = 50_000;

    @Override
    public String name() {
        return "lpn";
    }

    @Override
    public String paper() {
        return "Solving LPN with Neural Networks";
    }

    /** One (n, τ) instance: the network's, elimination's, guess-then-eliminate's and BKW's results. */
    record Instance(int n, double tau, boolean netSolved, long netSteps, double netSeconds, double testAcc,
            double accThreshold, boolean geSolved, long geCandidates, double geSeconds, boolean guessSolved,
            GuessThenEliminate.Result guess, GuessThenEliminateCost.UnitCosts guessCosts, boolean bkwSolved,
            Bkw.Result bkw, double[] at, double[] acc) {}

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
        // The baselines get the network's first training samples, drawn from the same stream below: elimination the
        // first 8 batches, guess-then-eliminate its pool and then its test set (exact counts), BKW as many whole
        // batches as its plan asks for (capped); all are prefixes of the stream.
        Bkw.Plan plan = Bkw.plan(n, tau);
        int bkwBatches = (int) Math.ceil(Math.min(plan.samples(), BKW_MAX_SAMPLES) / BATCH);
        GuessThenEliminate.Plan guessPlan = GuessThenEliminate.plan(n, tau);
        int guessBatches = (guessPlan.samples() + BATCH - 1) / BATCH;
        LpnOracle forBaselines = new LpnOracle(n, tau, WEIGHT, seed);
        long[] stream;
        try (PointerScope scope = new PointerScope()) {
            List<long[]> parts = new ArrayList<>();
            for (int i = 0; i < Math.max(8, Math.max(bkwBatches, guessBatches)); i++) {
                parts.add(LpnOracle.pack(forBaselines.draw(BATCH)));
            }
            stream = parts.stream().flatMapToLong(Arrays::stream).toArray();
        }
        long[] pool = Arrays.copyOf(stream, 8 * BATCH);
        GaussianElimination.Result ge = GaussianElimination.solve(pool, n, tau, 50_000_000L, seed);
        boolean geOk = ge.secret() == oracle.secret;
        ctx.log("n=%d tau=%.2f: elimination %s after %d candidates in %.3f s", n, tau, geOk ? "recovered s" : "FAILED",
                ge.candidates(), ge.seconds());
        long[] guessPool = Arrays.copyOf(stream, guessPlan.pool());
        long[] guessTest = Arrays.copyOfRange(stream, guessPlan.pool(), guessPlan.samples());
        GuessThenEliminate.Result guess = GuessThenEliminate.solve(guessPool, guessTest, n, guessPlan, Long.MAX_VALUE,
                GUESS_MAX_SECONDS, seed);
        // Not part of the solve's time: unit costs for the cost formula's predictions (under a second).
        GuessThenEliminateCost.UnitCosts guessCosts = GuessThenEliminate.calibrate(guessPool, guessTest, n,
                guessPlan, GUESS_CALIBRATION_SYSTEMS, seed);
        boolean guessOk = guess.secret() == oracle.secret;
        ctx.log("n=%d tau=%.2f: guess-then-eliminate %s after %d systems, %d candidates in %.3f s%s", n, tau,
                guessOk ? "recovered s" : "FAILED", guess.systems(), guess.candidates(), guess.seconds(),
                guess.failure().isEmpty() ? "" : ": " + guess.failure());
        Bkw.Result bkw = Bkw.solve(Arrays.copyOf(stream, bkwBatches * BATCH), n, tau, plan,
                BKW_MAX_SECONDS);
        boolean bkwOk = bkw.secret() == oracle.secret;
        ctx.log("n=%d tau=%.2f: BKW (a=%d blocks of b=%d) %s on %d samples (plan asks %.0f) in %.3f s%s", n, tau,
                plan.a(), plan.b(), bkwOk ? "recovered s" : "FAILED", bkw.samples(), plan.samples(), bkw.seconds(),
                bkw.failure().isEmpty() ? "" : ": " + bkw.failure());
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
                geOk, ge.candidates(), ge.seconds(), guessOk, guess, guessCosts, bkwOk, bkw,
                at.stream().mapToDouble(Double::doubleValue).toArray(),
                accs.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private void report(ReproContext ctx, List<Instance> done) throws Exception {
        Plot plot = Plot.lines("Network test accuracy on noisy labels", "step", "accuracy");
        List<List<String>> rows = new ArrayList<>();
        for (Instance i : done) {
            plot.series("n=" + i.n() + ", τ=" + i.tau(), i.at(), i.acc());
            String n = String.valueOf(i.n());
            String tau = String.valueOf(i.tau());
            rows.add(List.of(n, tau, "network", i.netSolved() ? "yes" : "no", i.netSteps() + " steps",
                    String.valueOf(i.netSteps() * BATCH), String.format("%.1f", i.netSeconds()), ""));
            rows.add(List.of(n, tau, "elimination", i.geSolved() ? "yes" : "no", i.geCandidates() + " candidates",
                    String.valueOf(8 * BATCH), String.format("%.3f", i.geSeconds()),
                    String.format("(1−τ)^−n = %.0f", Math.pow(1 - i.tau(), -i.n()))));
            GuessThenEliminate.Result g = i.guess();
            GuessThenEliminate.Plan gp = g.plan();
            rows.add(List.of(n, tau, "guess-then-eliminate", i.guessSolved() ? "yes" : "no",
                    String.format("%d systems, %d candidates", g.systems(), g.candidates()),
                    String.valueOf(gp.samples()), String.format("%.3f", g.seconds()),
                    String.format("pool %d, test m = %d, reject at t = %d disagreements; cost formula "
                            + "predicts %.2f s%s", gp.pool(), gp.test(), gp.threshold(),
                            GuessThenEliminateCost.predictedSeconds(i.guessCosts(), i.n(), i.tau()),
                            g.failure().isEmpty() ? "" : "; " + g.failure())));
            Bkw.Result b = i.bkw();
            Bkw.Plan p = b.plan();
            rows.add(List.of(n, tau, "BKW", i.bkwSolved() ? "yes" : "no",
                    String.format("a=%d blocks of b=%d, %d reduced", p.a(), p.b(), b.reduced()),
                    String.valueOf(b.samples()), String.format("%.3f", b.seconds()),
                    String.format("bias ε^%d = %.2g; plan asks %.0f samples%s", 1L << (p.a() - 1),
                            Math.pow(1 - 2 * i.tau(), 1L << (p.a() - 1)), p.samples(),
                            b.failure().isEmpty() ? "" : "; " + b.failure())));
        }
        plot.save(ctx.dir().resolve("accuracy.png"));
        ctx.report()
                .paragraph("Secret of Hamming weight ⌊" + WEIGHT + "·n⌋, a uniform. Network: "
                        + "two-layer ReLU MLP, width " + WIDTH + ", ±1 inputs, BCE, AdamW lr 1e-3 (β 0.9/0.999, "
                        + "lr-coupled weight decay 1e-3), batches of " + BATCH + " fresh samples; success = test "
                        + "accuracy ≥ 0.5 + √(ln 20 / 10000) and the bit-flip majority read-out equals s. Elimination: "
                        + "Prange-style Gaussian elimination over GF(2) on the network's first " + (8 * BATCH)
                        + " samples, candidates verified against that pool. Guess-then-eliminate (\"Pooled Gauss\" of "
                        + "Esser, Kübler, May 2017, the paper's baseline, as in their public code): n samples drawn "
                        + "from a pool of ⌈16n²/(1−τ)⌉, reduced row echelon form, all 2^d settings of the d ≤ 10 free "
                        + "coordinates of a singular system tried, each candidate tested on m held-out samples and "
                        + "rejected as soon as it reaches t = ⌈m(½+τ)/2⌉ disagreements; "
                        + "m = ⌈2 ln(2(1−τ)^−n/0.01)/(½−τ)²⌉ (Hoeffding and a union bound over the run's candidates); "
                        + "pool and test set are the stream's first samples. BKW (Blum, Kalai, Wasserman 2003; last "
                        + "block by Walsh–Hadamard transform): a blocks of b bits, a ≥ 2 chosen to minimise the sample "
                        + "need 2(√(2b ln 2) + 3)²/ε^(2^a) + (a−1)·2^b, ε = 1 − 2τ; it takes that many of the network's "
                        + "first samples (whole batches, at most " + BKW_MAX_SAMPLES + ", " + (int) BKW_MAX_SECONDS
                        + " s), a prefix containing elimination's pool, and verifies its candidate like elimination. "
                        + "Times exclude drawing the samples. Elimination and the network are judged; "
                        + "guess-then-eliminate and BKW are reported.")
                .table(List.of("n", "τ", "solver", "recovered s", "work", "samples used", "seconds", "note"), rows)
                .paragraph(whichWins(done.get(0)))
                .image("accuracy", "accuracy.png");
    }

    /** The comparison, in the measured numbers of the judged instance. */
    private static String whichWins(Instance i) {
        GuessThenEliminateCost.UnitCosts c = i.guessCosts();
        return String.format("Which wins: at these sizes the classical solvers. At n = %d, τ = %s the network took "
                + "%.1f s; elimination %.2f s, guess-then-eliminate %.2f s and BKW %.2f s (table; the two elimination "
                + "counts are single draws of geometric variables, spread about their mean). Elimination's cost grows "
                + "like (1−τ)^−n systems (several times that: it discards the ~71%% of random n × n systems over GF(2) "
                + "that are singular) times n³/64 word operations plus verification on a few thousand samples. "
                + "Guess-then-eliminate keeps singular systems by guessing their free coordinates, so it needs "
                + "fewer than (1−τ)^−n systems (only the rank-many pivot rows must be noise-free) of ≈ 2 candidates "
                + "each, but each candidate's test reads ≈ (½+τ)·m samples, and m grows like n/(½−τ)². BKW with "
                + "a = 2 is one bucket-and-XOR pass and two 2^(n/2)-point transforms, but it needs ~ε^(−2^a) "
                + "samples: at the paper's n = 26, τ = 0.498 its plan asks %.0e, out of reach. "
                + "Expected crossover: guess-then-eliminate's cost formula with unit costs measured in this run "
                + "(%.2g µs per system, %.2g ns per test sample read) predicts %.2f s at n = %d, τ = %s, %.1f s at "
                + "n = 26 with the same τ, and %.0f core-days at the paper's n = 26, τ = 0.498, where m is %.0e; "
                + "the paper's networks took 66 minutes on 8 GPUs there (Esser et al.'s code 3.12 days on 64 "
                + "cores). So at n = 26 the crossover lies between τ = %s (classical seconds, where the network "
                + "already needs more at n = %d) and τ = 0.498 (classical core-days against the networks' hour): it "
                + "is expected as τ → ½, as the paper says. This run does not reach those sizes.",
                i.n(), i.tau(), i.netSeconds(), i.geSeconds(), i.guess().seconds(), i.bkw().seconds(),
                Bkw.plan(26, 0.498).samples(), c.secondsPerSystem() * 1e6, c.secondsPerSample() * 1e9,
                GuessThenEliminateCost.predictedSeconds(c, i.n(), i.tau()), i.n(), i.tau(),
                GuessThenEliminateCost.predictedSeconds(c, 26, i.tau()),
                GuessThenEliminateCost.predictedSeconds(c, 26, 0.498) / 86_400,
                (double) GuessThenEliminate.plan(26, 0.498).test(), i.tau(), i.n());
    }
}
