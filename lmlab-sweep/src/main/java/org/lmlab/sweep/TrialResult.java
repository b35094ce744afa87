package org.lmlab.sweep;

import java.util.Map;

/**
 * What a trial produced.
 *
 * @param id      the trial's id (its run directory name)
 * @param params  the trial's hyperparameters
 * @param status  {@code completed}, {@code diverged} or {@code failed}
 * @param metric  the final metric (NaN unless completed)
 * @param seconds wall-clock time of the trial
 * @param reason  why it diverged or failed; empty when completed
 */
public record TrialResult(String id, Map<String, String> params, String status, double metric, double seconds,
        String reason) {

    public boolean completed() {
        return status.equals("completed") && Double.isFinite(metric);
    }

    public Trial trial() {
        return new Trial(params);
    }
}
