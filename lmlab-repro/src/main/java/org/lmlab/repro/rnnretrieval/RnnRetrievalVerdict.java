package org.lmlab.repro.rnnretrieval;

import java.util.ArrayList;
import java.util.List;
import org.lmlab.report.Plot;
import org.lmlab.repro.Criterion;
import org.lmlab.repro.ReproContext;
import org.lmlab.repro.Verdict;

/** The criteria of {@code rnn-retrieval} and its report (accuracy table, accuracy against GRU state size). */
final class RnnRetrievalVerdict {
    private RnnRetrievalVerdict() {}

    static Verdict judge(ReproContext ctx, List<RnnRetrieval.Result> results) throws Exception {
        List<Criterion> criteria = new ArrayList<>();
        for (String kind : List.of("transformer", "hybrid", "retrieval-gru")) {
            RnnRetrieval.Result r = find(results, kind);
            criteria.add(Criterion.atLeast(kind + " accuracy at N = 32", r.accuracy(), 0.95));
        }
        double worst = 0;
        StringBuilder bySize = new StringBuilder();
        List<double[]> curve = new ArrayList<>();
        for (RnnRetrieval.Result r : results) {
            if (r.model().equals("gru")) {
                if (r.state() <= 64) {
                    worst = Math.max(worst, r.accuracy());
                }
                bySize.append(bySize.length() == 0 ? "" : ", ").append(r.state()).append(": ")
                        .append(Criterion.format(r.accuracy()));
                curve.add(new double[] {r.state(), r.accuracy()});
            }
        }
        criteria.add(Criterion.atMost("max accuracy of GRUs with state ≤ 64", worst, 0.60)
                .withSpread("state → accuracy: " + bySize));
        report(ctx, results, curve);
        return new Verdict(criteria);
    }

    private static RnnRetrieval.Result find(List<RnnRetrieval.Result> results, String kind) {
        return results.stream().filter(r -> r.model().equals(kind)).findFirst().orElseThrow();
    }

    private static void report(ReproContext ctx, List<RnnRetrieval.Result> results, List<double[]> curve)
            throws Exception {
        double[] x = curve.stream().mapToDouble(p -> p[0]).toArray();
        double[] y = curve.stream().mapToDouble(p -> p[1]).toArray();
        double[] ref = new double[x.length];
        java.util.Arrays.fill(ref, find(results, "transformer").accuracy());
        Plot.lines("Associative recall at N = 32 against GRU state size", "GRU state size", "accuracy")
                .series("plain GRU", x, y).series("Transformer (reference)", x, ref).logX()
                .save(ctx.dir().resolve("accuracy-vs-state.png"));
        List<List<String>> rows = new ArrayList<>();
        for (RnnRetrieval.Result r : results) {
            rows.add(List.of(r.model(), r.state() == 0 ? "—" : String.valueOf(r.state()),
                    String.valueOf(r.parameters()), Criterion.format(r.accuracy())));
        }
        ctx.report()
                .paragraph("Multi-query associative recall: 32 key and 32 value tokens, N distinct keys, SEP, 16"
                        + " queries; trained on N ∈ {8, 16, 32}, judged on 256+ held-out sequences at N = 32."
                        + " The retrieval GRU is scored closed-loop: it emits the key, the tool appends the pair it"
                        + " finds, then the GRU answers.")
                .table(List.of("model", "state", "parameters", "accuracy at N = 32"), rows)
                .image("accuracy against state size", "accuracy-vs-state.png");
    }
}
