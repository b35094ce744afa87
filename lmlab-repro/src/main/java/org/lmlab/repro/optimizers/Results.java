package org.lmlab.repro.optimizers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.lmlab.probe.scaling.DataScalingFit;
import org.lmlab.report.Markdown;
import org.lmlab.report.Plot;
import org.lmlab.repro.Criterion;
import org.lmlab.repro.ReproContext;
import org.lmlab.repro.Verdict;
import org.lmlab.sweep.TrialResult;

/**
 * Everything the benchmark measured, the fits and speedups computed from it, the verdict and the report. Searches
 * record into it from the pool's threads, so the recording methods are synchronized.
 */
final class Results {
    private record LrTrial(TrialResult result, double mid) {
        double lr() {
            return Double.parseDouble(result.params().get("optim.lr"));
        }

        /** The searched settings, e.g. {@code lr=0.032} or {@code lr=0.064 lr_ratio=0.4}. */
        String settings() {
            StringBuilder b = new StringBuilder();
            result.params().forEach((k, v) -> b.append(b.isEmpty() ? "" : " ").append(k.replace("optim.", ""))
                    .append('=').append(v));
            return b.toString();
        }
    }

    private final BenchmarkPlan plan;
    private final String language;
    private final Map<Integer, long[]> sizes = new LinkedHashMap<>();
    private final Map<Integer, Map<String, List<LrTrial>>> lrTrials = new LinkedHashMap<>();
    private final Map<Integer, Map<String, Map<Integer, Double>>> scaling = new LinkedHashMap<>();

    /** {@code language}: the language's own description, with its entropy floor (for the report). */
    Results(BenchmarkPlan plan, String language) {
        this.plan = plan;
        this.language = language;
    }

    synchronized void size(int d, long params, long steps1) {
        sizes.put(d, new long[] {params, steps1});
    }

    synchronized void lrTrial(int d, String opt, TrialResult r, double mid) {
        lrTrials.computeIfAbsent(d, k -> new LinkedHashMap<>()).computeIfAbsent(opt, k -> new ArrayList<>())
                .add(new LrTrial(r, mid));
    }

    /** The final val loss of {@code arm} (tuned, quarter) at data ratio {@code ratio}. */
    synchronized void scalingPoint(int d, String arm, int ratio, double loss) {
        scaling.computeIfAbsent(d, k -> new LinkedHashMap<>()).computeIfAbsent(arm, k -> new TreeMap<>())
                .put(ratio, loss);
    }

    /** The tuned learning rate: the grid point with the lowest final loss (NaN if every point diverged). */
    synchronized double bestLr(int d, String opt) {
        LrTrial b = best(d, opt);
        return b == null ? Double.NaN : b.lr();
    }

    /** The tuned settings as text ({@code lr=…}, plus {@code lr_ratio=…} where searched), "-" if none finished. */
    synchronized String bestSettings(int d, String opt) {
        LrTrial b = best(d, opt);
        return b == null ? "-" : b.settings();
    }

    synchronized double bestLoss(int d, String opt) {
        LrTrial b = best(d, opt);
        return b == null ? Double.NaN : b.result().metric();
    }

    private LrTrial best(int d, String opt) {
        LrTrial best = null;
        for (LrTrial t : lrTrials.getOrDefault(d, Map.of()).getOrDefault(opt, List.of())) {
            if (t.result().completed() && (best == null || t.result().metric() < best.result().metric())) {
                best = t;
            }
        }
        return best;
    }

    private DataScalingFit fit(int d, String arm) {
        Map<Integer, Double> pts = scaling.getOrDefault(d, Map.of()).getOrDefault(arm, Map.of());
        List<double[]> ok = pts.entrySet().stream().filter(e -> Double.isFinite(e.getValue()))
                .map(e -> new double[] {e.getKey(), e.getValue()}).toList();
        if (ok.size() < 3) {
            return null;
        }
        return DataScalingFit.fit(ok.stream().mapToDouble(p -> p[0]).toArray(),
                ok.stream().mapToDouble(p -> p[1]).toArray());
    }

    Verdict judge(ReproContext ctx) throws java.io.IOException {
        Markdown md = ctx.report();
        int smallest = plan.widths().get(0);
        List<Criterion> criteria = new ArrayList<>();

        // P1: tuned AdamW against AdamW at a quarter of its tuned learning rate, read at 1x like every speedup of P3
        // (each optimizer is tuned at 1x): the speedup a paper would claim at its main setting against that baseline.
        // The other ratios are reported beside it. A tuned loss at or below the quarter law's β is beyond anything the
        // under-tuned baseline reaches: it counts as an unbounded speedup (flagged in the report).
        DataScalingFit quarter = fit(smallest, "quarter");
        Map<Integer, Double> p1ByRatio = new TreeMap<>();
        Map<Integer, Double> tuned = scaling.getOrDefault(smallest, Map.of()).getOrDefault("tuned", Map.of());
        if (quarter != null) {
            tuned.forEach((r, l) -> p1ByRatio.put(r, Double.isNaN(l) ? Double.NaN
                    : l <= quarter.beta() ? Double.POSITIVE_INFINITY : quarter.speedup(l, r)));
        }
        double p1 = p1ByRatio.getOrDefault(1, Double.NaN);
        criteria.add(Criterion.atLeast("P1 speedup of tuned AdamW over AdamW at lr/4 (d=" + smallest + ", 1x)", p1,
                1.3));

        // P2: the strongest ranking flip between 50% and 100% of training, within each size.
        Flip flip = null;
        for (int d : sizes.keySet()) {
            List<Flip.Config> configs = new ArrayList<>();
            lrTrials.get(d).forEach((opt, ts) -> ts.stream().filter(t -> t.result().completed() && Double.isFinite(t.mid()))
                    .forEach(t -> configs.add(new Flip.Config("d=" + d + " " + opt + " " + t.settings(), t.mid(),
                            t.result().metric()))));
            Flip f = Flip.strongest(configs);
            if (f != null && (flip == null || f.margin() > flip.margin())) {
                flip = f;
            }
        }
        criteria.add(Criterion.atLeast("P2 ranking flip 50% -> 100% under cosine, margin (nats)",
                flip == null ? 0 : flip.margin(), OptimizerBenchmark.FLIP_NOISE));

        // P3: speedups of every optimizer at every size; Muon at least AdamW's pace at 1x.
        Map<String, Map<Integer, Double>> speedup = new LinkedHashMap<>();
        for (int d : sizes.keySet()) {
            DataScalingFit f = fit(d, "tuned");
            for (String opt : plan.starts().keySet()) {
                double s = f == null ? Double.NaN : f.speedup(bestLoss(d, opt), 1);
                speedup.computeIfAbsent(opt, k -> new LinkedHashMap<>()).put(d, s);
            }
        }
        double muonMin = speedup.getOrDefault("muon", Map.of()).values().stream().mapToDouble(Double::doubleValue)
                .map(x -> Double.isNaN(x) ? Double.POSITIVE_INFINITY : x).min().orElse(Double.NaN);
        boolean muonBeyond = speedup.getOrDefault("muon", Map.of()).values().stream().anyMatch(x -> x.isNaN());
        criteria.add(Criterion.atLeast("P3 Muon speedup at 1x, min over sizes" + (muonBeyond ? " (some beyond beta)" : ""),
                muonMin, 1.0));

        report(md, speedup, flip, quarter, p1, p1ByRatio, ctx);
        return new Verdict(criteria);
    }

    private void report(Markdown md, Map<String, Map<Integer, Double>> speedup, Flip flip, DataScalingFit quarter,
            double p1, Map<Integer, Double> p1ByRatio, ReproContext ctx) throws java.io.IOException {
        md.heading(2, "Setup").paragraph("Unbounded " + language + "; hierarchical rows (context j+1 ~ Dirichlet("
                + OptimizerBenchmark.CONCENTRATION + " × context j)); Llama-style decoders with 2 layers, "
                + "head dim " + BenchmarkPlan.HEAD_DIM + ", batch " + plan.batchSize() + "×" + plan.seqLen() + "; cosine decay to 10%, warmup over the "
                + "first 10% of steps, clip 1; each optimizer's own recommended betas, ε, weight decay and momentum (OptimConfig.defaults(kind)). Learning rates tuned by local descent on a factor-2 lattice (stop at a "
                + "rate better than both neighbours) at 1× Chinchilla (20 tokens per non-embedding parameter), AdamW's "
                + "again at every data ratio; Muon and Scion also search their AdamW/Signum companion's lr ratio (the "
                + "embeddings and head are a large share of these small models); the rest at those defaults (the paper "
                + "tunes every hyperparameter by coordinate descent — ours tunes these coordinates only, to fit the CPU "
                + "budget).");
        List<List<String>> sizeRows = new ArrayList<>();
        Plot scale = Plot.lines("AdamW data scaling: L(D) = a*D^-B + b", "data (x Chinchilla)", "val loss").logX();
        for (int d : sizes.keySet()) {
            DataScalingFit f = fit(d, "tuned");
            sizeRows.add(List.of("d=" + d, Long.toString(sizes.get(d)[0]), Long.toString(sizes.get(d)[1]),
                    OptimizerBenchmark.fmt(bestLr(d, BenchmarkPlan.BASELINE)),
                    f == null ? "-" : law(f)));
            Map<Integer, Double> pts = scaling.get(d).get("tuned");
            scale.series("d=" + d + " measured", pts.keySet().stream().mapToDouble(Integer::doubleValue).toArray(),
                    pts.values().stream().mapToDouble(Double::doubleValue).toArray());
            if (f != null) {
                double[] xs = java.util.stream.IntStream.rangeClosed(0, 40).mapToDouble(i -> Math.pow(2, 3.0 * i / 40))
                        .toArray();
                scale.series("d=" + d + " fit", xs, java.util.Arrays.stream(xs).map(f::loss).toArray());
            }
        }
        md.table(List.of("size", "non-emb. params", "steps at 1x", "AdamW tuned lr", "AdamW fit"), sizeRows);
        scale.save(ctx.dir().resolve("scaling.png"));
        md.image("AdamW scaling fits", "scaling.png");

        md.heading(2, "P3: speedup over tuned AdamW at 1x (D_eff / D)");
        List<String> header = new ArrayList<>(List.of("optimizer"));
        sizes.keySet().forEach(d -> header.add("d=" + d + " speedup (loss, tuned settings)"));
        List<List<String>> rows = new ArrayList<>();
        Plot sp = Plot.lines("Speedup over AdamW at 1x", "d_model", "speedup");
        for (String opt : plan.starts().keySet()) {
            List<String> row = new ArrayList<>(List.of(opt));
            for (int d : sizes.keySet()) {
                row.add(OptimizerBenchmark.fmt(speedup.get(opt).get(d)) + " (" + OptimizerBenchmark.fmt(bestLoss(d, opt))
                        + ", " + bestSettings(d, opt) + ")" + diverged(d, opt));
            }
            rows.add(row);
            sp.series(opt, sizes.keySet().stream().mapToDouble(Integer::doubleValue).toArray(),
                    speedup.get(opt).values().stream().mapToDouble(Double::doubleValue).toArray());
        }
        md.table(header, rows);
        sp.save(ctx.dir().resolve("speedup.png"));
        md.image("speedup against size", "speedup.png");
        md.paragraph("'undefined' marks a loss at or below AdamW's fitted β (beyond anything AdamW reaches) — flagged, "
                + "never clipped. Trend with size: compare the columns (the paper sees matrix-preconditioned "
                + "optimizers' advantage shrink from ~1.3-1.4x at 0.1B to ~1.1x at 1.2B).");

        md.heading(2, "P1: the under-tuned baseline");
        md.paragraph("AdamW at a quarter of its tuned lr (tuned at each ratio), fitted at 1/2/4/8x: "
                + (quarter == null ? "no fit" : law(quarter))
                + "; tuned AdamW's loss at each ratio read off it gives the speedups below (P1 is the 1x one: "
                + OptimizerBenchmark.fmt(p1) + ") — a 'speedup' that is only tuning."
                + (quarter != null && logLinear(quarter) ? " B → 0: the baseline's loss falls at least log-linearly "
                        + "in D here (it is held back by its learning rate, and more data is more steps), so the law "
                        + "takes its log-linear limit; a 1x speedup below 2 interpolates between its measured 1x and "
                        + "2x points." : ""));
        List<List<String>> p1Rows = new ArrayList<>();
        p1ByRatio.forEach((r, x) -> p1Rows.add(List.of(r + "x",
                OptimizerBenchmark.fmt(scaling.get(plan.widths().get(0)).get("tuned").get(r)),
                OptimizerBenchmark.fmt(scaling.get(plan.widths().get(0)).get("quarter").getOrDefault(r, Double.NaN)),
                Double.isInfinite(x) ? "beyond β" : OptimizerBenchmark.fmt(x))));
        md.table(List.of("data", "tuned AdamW loss", "AdamW at lr/4 loss", "speedup"), p1Rows);
        md.heading(2, "P2: ranking flip between 50% and 100% of training");
        md.paragraph(flip == null ? "No pair of configurations changed order." : String.format(
                "%s is ahead at 50%% (%.4f vs %.4f) but behind at 100%% (%.4f vs %.4f) of %s: margin %.4f nats.",
                flip.ahead().label(), flip.ahead().mid(), flip.behind().mid(), flip.ahead().end(), flip.behind().end(),
                flip.behind().label(), flip.margin()));
        if (flip != null) {
            Plot fp = Plot.lines("Ranking flip under cosine decay", "fraction of training", "val loss");
            fp.series(flip.ahead().label(), new double[] {0.5, 1}, new double[] {flip.ahead().mid(), flip.ahead().end()});
            fp.series(flip.behind().label(), new double[] {0.5, 1},
                    new double[] {flip.behind().mid(), flip.behind().end()});
            fp.save(ctx.dir().resolve("flip.png"));
            md.image("ranking flip", "flip.png");
        }
    }

    /** A fit's parameters, flagged when B sits at its lower bound: the points are log-linear or steeper in D. */
    private static String law(DataScalingFit f) {
        String law = String.format(java.util.Locale.ROOT, "a=%.3f B=%.3f b=%.3f", f.alpha(), f.b(), f.beta());
        return logLinear(f) ? law + " (log-linear limit)" : law;
    }

    private static boolean logLinear(DataScalingFit f) {
        return f.b() < 0.01;
    }

    /** Notes beside a table cell: diverged lattice points, and a tuned lr on the lattice's edge. */
    private String diverged(int d, String opt) {
        long n = lrTrials.get(d).getOrDefault(opt, List.of()).stream().filter(t -> !t.result().completed()).count();
        double lr = bestLr(d, opt);
        boolean edge = lr == Double.parseDouble(Trials.LATTICE.get(0))
                || lr == Double.parseDouble(Trials.LATTICE.get(Trials.LATTICE.size() - 1));
        return (n == 0 ? "" : " [" + n + " lr diverged]") + (edge ? " [lr at grid edge]" : "");
    }
}
