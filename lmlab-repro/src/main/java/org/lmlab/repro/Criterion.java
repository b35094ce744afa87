package org.lmlab.repro;

/**
 * One pass/fail line of a verdict: what was measured, against which threshold.
 *
 * @param name      what the criterion states, in the paper's words (e.g. "gated BOS attention mass")
 * @param measured  the measured value as printed (median when several runs are involved)
 * @param spread    the spread over runs as printed (e.g. "min 0.41, max 0.47"), empty for a single run
 * @param threshold the threshold as printed (e.g. "≥ 0.5")
 * @param pass      whether the criterion holds
 */
public record Criterion(String name, String measured, String spread, String threshold, boolean pass) {

    /** Passes when {@code measured ≥ threshold}; NaN fails. */
    public static Criterion atLeast(String name, double measured, double threshold) {
        return new Criterion(name, format(measured), "", "≥ " + format(threshold), measured >= threshold);
    }

    /** Passes when {@code measured ≤ threshold}; NaN fails. */
    public static Criterion atMost(String name, double measured, double threshold) {
        return new Criterion(name, format(measured), "", "≤ " + format(threshold), measured <= threshold);
    }

    /** A criterion over several runs: judged on the median, the spread printed beside it. */
    public static Criterion atLeast(String name, double[] runs, double threshold) {
        Stats s = Stats.of(runs);
        return new Criterion(name, format(s.median()), s.spread(), "≥ " + format(threshold), s.median() >= threshold);
    }

    /** A criterion over several runs: judged on the median, the spread printed beside it. */
    public static Criterion atMost(String name, double[] runs, double threshold) {
        Stats s = Stats.of(runs);
        return new Criterion(name, format(s.median()), s.spread(), "≤ " + format(threshold), s.median() <= threshold);
    }

    /** A qualitative criterion (e.g. "a ranking flip was found"): measured and threshold are free text. */
    public static Criterion check(String name, String measured, String threshold, boolean pass) {
        return new Criterion(name, measured, "", threshold, pass);
    }

    public Criterion withSpread(String text) {
        return new Criterion(name, measured, text, threshold, pass);
    }

    /** Four significant digits, plain notation where it reads well. */
    public static String format(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.toString(v);
        }
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-3 || a >= 1e6)) {
            return String.format("%.3e", v);
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }
}
