package org.lmlab.train;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The progress line: step, loss, learning rate, gradient norm, tokens/s, MFU and ETA, every {@code every}
 * updates, plus a line per evaluation. Throughput is measured over the updates since the last line, excluding
 * evaluation and checkpoint time.
 */
public final class Progress implements Listener {
    private final PrintStream out;
    private final long every;
    private final double flopsPerToken;
    private double peak;
    private double windowSeconds;
    private long windowTokens;
    private double lossSum;
    private int lossCount;

    public Progress(PrintStream out, long every, double flopsPerToken, double peak) {
        this.out = out;
        this.every = every;
        this.flopsPerToken = flopsPerToken;
        this.peak = peak;
    }

    @Override
    public void onStep(StepInfo s) {
        windowSeconds += s.stepSeconds();
        windowTokens += s.tokensThisStep();
        lossSum += s.loss();
        lossCount++;
        if (s.step() % every != 0 && s.step() != s.totalSteps()) {
            return;
        }
        double tps = windowTokens / Math.max(1e-9, windowSeconds);
        double eta = (s.totalSteps() - s.step()) * (windowSeconds / lossCount);
        if (tps * flopsPerToken > peak && peak == Flops.peak()) {
            // More than the peak is impossible: it was measured while other work held the cores. Measure again.
            peak = Flops.remeasurePeak();
        }
        out.printf(Locale.ROOT, "step %6d/%d  loss %.4f  lr %.2e  |g| %.3f  %s tok/s  MFU %.1f%%  ETA %s%n",
                s.step(), s.totalSteps(), lossSum / lossCount, s.lr(), s.gradNorm(), human(tps),
                100 * tps * flopsPerToken / peak, duration(eta));
        out.flush();
        windowSeconds = 0;
        windowTokens = 0;
        lossSum = 0;
        lossCount = 0;
    }

    @Override
    public void onEval(long step, EvalResult r) {
        out.printf(Locale.ROOT, "eval  %6d  val loss %.4f  accuracy %.4f  (%d tokens)%n", step, r.loss(), r.accuracy(),
                r.tokens());
        out.flush();
    }

    static String human(double v) {
        return v >= 1e6 ? String.format(Locale.ROOT, "%.2fM", v / 1e6)
                : v >= 1e3 ? String.format(Locale.ROOT, "%.1fk", v / 1e3) : String.format(Locale.ROOT, "%.0f", v);
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? (s / 3600) + "h" + (s % 3600 / 60) + "m" : s >= 60 ? (s / 60) + "m" + (s % 60) + "s" : s + "s";
    }
}
