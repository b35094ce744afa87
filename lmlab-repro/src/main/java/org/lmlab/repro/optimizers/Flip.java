package org.lmlab.repro.optimizers;

import java.util.List;

/**
 * A ranking flip between mid-training and the end (the paper's §4.3 warning that intermediate checkpoints mislead
 * under learning-rate decay): config A is ahead of B at 50% of training and behind at 100%. The margin is the
 * smaller of the two gaps, so a flip inside evaluation noise scores near zero.
 */
record Flip(Config ahead, Config behind, double margin) {

    /** One trained configuration: its label and validation losses at 50% and 100% of training. */
    record Config(String label, double mid, double end) {}

    /** The flip with the largest margin among all pairs, or null if the ranking never changes. */
    static Flip strongest(List<Config> configs) {
        Flip best = null;
        for (Config a : configs) {
            for (Config b : configs) {
                if (a == b || !(a.mid() < b.mid()) || !(a.end() > b.end())) {
                    continue;
                }
                double margin = Math.min(b.mid() - a.mid(), a.end() - b.end());
                if (best == null || margin > best.margin()) {
                    best = new Flip(a, b, margin);
                }
            }
        }
        return best;
    }
}
