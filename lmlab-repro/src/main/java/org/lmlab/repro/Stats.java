package org.lmlab.repro;

import java.util.Arrays;

/** Median, min and max of repeated measurements — how several runs are summarized in a verdict. */
public record Stats(double median, double min, double max, int n) {

    public static Stats of(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        double[] s = values.clone();
        Arrays.sort(s); // NaN sorts last, so a diverged run shows up as max = NaN rather than vanishing
        int n = s.length;
        double median = n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
        return new Stats(median, s[0], s[n - 1], n);
    }

    /** "min a, max b (n runs)", or empty for one run. */
    public String spread() {
        return n < 2 ? "" : "min " + Criterion.format(min) + ", max " + Criterion.format(max) + " (" + n + " runs)";
    }
}
