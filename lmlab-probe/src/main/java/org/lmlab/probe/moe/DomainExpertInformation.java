package org.lmlab.probe.moe;

/**
 * How much the expert choice tells about the domain: the mutual information of the empirical joint distribution
 * p(d, i) = c[d][i] / Σ c over (domain, expert) assignments,
 * <pre>
 *   MI(domain; expert) = Σ_{d,i} p(d,i) · ln( p(d,i) / (p(d)·p(i)) )   (nats),
 * </pre>
 * reported normalized by ln E (1 would mean the expert determines the domain up to the E-way choice). Qiu et al.
 * 2025 ("Demons in the Detail", §4) use such domain–expert statistics to show that global-batch balancing lets
 * experts specialize by domain.
 */
public final class DomainExpertInformation {
    private DomainExpertInformation() {}

    /** MI(domain; expert) in nats; 0 for an empty table. */
    public static double mutualInformation(long[][] counts) {
        int dn = counts.length;
        int e = counts[0].length;
        double total = 0;
        double[] pd = new double[dn];
        double[] pe = new double[e];
        for (int d = 0; d < dn; d++) {
            for (int i = 0; i < e; i++) {
                pd[d] += counts[d][i];
                pe[i] += counts[d][i];
                total += counts[d][i];
            }
        }
        if (total == 0) {
            return 0;
        }
        double mi = 0;
        for (int d = 0; d < dn; d++) {
            for (int i = 0; i < e; i++) {
                if (counts[d][i] > 0) {
                    double p = counts[d][i] / total;
                    mi += p * Math.log(p * total * total / (pd[d] * pe[i]));
                }
            }
        }
        return Math.max(0, mi);
    }

    /** MI / ln E. */
    public static double normalized(long[][] counts) {
        return mutualInformation(counts) / Math.log(counts[0].length);
    }
}
