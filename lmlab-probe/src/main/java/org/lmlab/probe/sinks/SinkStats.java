package org.lmlab.probe.sinks;

/**
 * What {@link SinkProbe} measured on one set of batches. Per-head arrays are [layer][head]; "dormant" queries are
 * the positions i ≥ 1 the caller marked inactive (all i ≥ 1 when no mask was given), "active" the marked ones.
 *
 * @param bosMass mean first-token weight A[i, 0] over dormant queries
 * @param bosExcess mean of A[i, 0] − 1/(i+1) (excess over uniform attention) over dormant queries
 * @param contribution mean over dormant queries of ‖A[i,0] v_0‖ / ‖z_i‖ (the first token's share of the output)
 * @param valueDrain ‖v_0‖ / mean_{j≥1} ‖v_j‖ (a sink's value is small: it contributes nothing)
 * @param dormantOutput mean ‖z_i‖ over dormant queries / mean ‖z_i‖ over active queries (NaN without a mask)
 * @param sinkWeight mean weight on the learnable sink (sink attention; NaN otherwise)
 * @param gateMean mean gate score (gated attention; NaN otherwise), over all queries
 * @param gateDormant mean gate score over dormant queries
 * @param gateActive mean gate score over active queries
 * @param activeBosMass mean first-token weight over active queries (NaN without a mask): a head that rescales
 *     parks dormant queries on the first token and looks elsewhere on active ones
 * @param gateHistogram gate scores in ten bins over [0, 1] (scores outside are put in the end bins), fractions
 * @param maxActivation max |h| over the residual stream after every block
 * @param stripeScore max over dimensions k of mean_t |h_tk| / mean_{t,k'} |h_tk'| (last block's residual stream)
 * @param stripeDim the dimension attaining it
 */
public record SinkStats(
        double[][] bosMass,
        double[][] bosExcess,
        double[][] contribution,
        double[][] valueDrain,
        double[][] dormantOutput,
        double[][] sinkWeight,
        double[][] gateMean,
        double[][] gateDormant,
        double[][] gateActive,
        double[][] activeBosMass,
        double[] gateHistogram,
        double maxActivation,
        double stripeScore,
        int stripeDim) {

    /** Mean over layers and heads. */
    public static double mean(double[][] perHead) {
        double s = 0;
        int n = 0;
        for (double[] layer : perHead) {
            for (double v : layer) {
                s += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : s / n;
    }

    /** Largest per-head value. */
    public static double max(double[][] perHead) {
        double m = Double.NEGATIVE_INFINITY;
        for (double[] layer : perHead) {
            for (double v : layer) {
                m = Math.max(m, v);
            }
        }
        return m;
    }

    public double meanBosMass() {
        return mean(bosMass);
    }

    /** Plain-text per-head table: one line per layer and head. */
    public String table() {
        StringBuilder b = new StringBuilder(String.format(java.util.Locale.ROOT,
                "%-6s %-4s %8s %8s %8s %8s %8s %8s %8s %8s%n", "layer", "head", "BOS", "BOS act", "excess", "contrib",
                "v-drain", "dorm/act", "sink", "gate"));
        for (int l = 0; l < bosMass.length; l++) {
            for (int h = 0; h < bosMass[l].length; h++) {
                b.append(String.format(java.util.Locale.ROOT,
                        "%-6d %-4d %8.4f %8.4f %8.4f %8.4f %8.4f %8.4f %8.4f %8.4f%n",
                        l, h, bosMass[l][h], activeBosMass[l][h], bosExcess[l][h], contribution[l][h], valueDrain[l][h],
                        dormantOutput[l][h], sinkWeight[l][h], gateMean[l][h]));
            }
        }
        b.append(String.format(java.util.Locale.ROOT,
                "mean BOS mass %.4f; max |residual| %.2f; stripe score %.2f (dimension %d)%n", meanBosMass(),
                maxActivation, stripeScore, stripeDim));
        return b.toString();
    }
}
