package org.lmlab.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.lmlab.config.Configs;
import org.lmlab.report.Markdown;
import org.lmlab.report.Plot;
import org.lmlab.report.RunReport;
import org.lmlab.run.MetricsLog;

/**
 * The {@code report.md} of a sweep directory: the trials ranked by the metric (diverged and failed ones listed with
 * their reason), the metric against each hyperparameter ({@code param-<key>.png}; log axis where values span a
 * decade or more), and the loss curves of the best trials ({@code curves.png}).
 */
public final class SweepReport {
    private static final int CURVES = 5;

    private SweepReport() {}

    public static void write(Path dir) throws IOException {
        SweepSpec spec = Configs.load(dir.resolve("sweep.yaml"), List.of(), SweepSpec.class);
        List<TrialResult> all = Sweep.readResults(dir.resolve("trials.jsonl"));
        Sweep.Outcome o = Sweep.summarize(spec, dir, all);
        String metric = spec.metric().name().toLowerCase().replace('_', ' ');
        Markdown md = new Markdown().heading(1, "Sweep " + spec.name())
                .paragraph(spec.strategy().name().toLowerCase().replace('_', '-') + " over " + spec.parameters().keySet()
                        + " from `" + spec.base() + "`; " + all.size() + " trials, "
                        + all.stream().filter(TrialResult::completed).count() + " completed. Metric: " + metric
                        + (o.best() == null ? "." : "; best " + o.best().params() + " = " + String.format("%.4f",
                                o.best().metric()) + ", " + o.nearBest().size() + " within " + spec.tolerance() + "."));
        List<TrialResult> ranked = new ArrayList<>(all);
        ranked.sort(Comparator.comparingDouble((TrialResult r) -> r.completed() ? spec.metric().cost(r.metric())
                : Double.POSITIVE_INFINITY));
        List<String> header = new ArrayList<>(spec.parameters().keySet());
        header.addAll(List.of(metric, "status", "seconds", "note"));
        List<List<String>> rows = new ArrayList<>();
        for (TrialResult r : ranked) {
            List<String> row = new ArrayList<>();
            spec.parameters().keySet().forEach(k -> row.add(r.params().getOrDefault(k, "")));
            row.add(r.completed() ? String.format("%.4f", r.metric()) : "");
            row.add(r.status());
            row.add(String.format("%.0f", r.seconds()));
            row.add(o.nearBest().contains(r) ? "approximately optimal" : r.reason());
            rows.add(row);
        }
        md.table(header, rows);
        for (String key : spec.parameters().keySet()) {
            String file = "param-" + key.replaceAll("[^A-Za-z0-9._-]", "_") + ".png";
            parameterPlot(key, metric, all).save(dir.resolve(file));
            md.image(metric + " against " + key, file);
        }
        Plot curves = Plot.lines("Loss curves of the best trials", "step", "loss").logY();
        for (TrialResult r : ranked.subList(0, Math.min(CURVES, ranked.size()))) {
            Path m = dir.resolve("trials").resolve(r.id()).resolve("metrics.jsonl");
            if (r.completed() && Files.exists(m)) {
                Plot one = RunReport.lossPlot(MetricsLog.read(m));
                double[][] train = one.points("train");
                if (train != null) {
                    curves.series(r.params().toString(), train[0], train[1]);
                }
            }
        }
        curves.save(dir.resolve("curves.png"));
        md.image("loss curves", "curves.png");
        md.save(dir.resolve("report.md"));
    }

    private static Plot parameterPlot(String key, String metric, List<TrialResult> all) {
        List<TrialResult> ok = all.stream().filter(TrialResult::completed).toList();
        boolean numeric = ok.stream().allMatch(r -> isNumber(r.params().get(key)));
        if (!numeric) {
            Plot p = Plot.bars(metric + " by " + key, key, metric);
            for (TrialResult r : ok) {
                p.bar(r.params().toString(), r.params().get(key), r.metric());
            }
            return p;
        }
        double[] x = ok.stream().mapToDouble(r -> Double.parseDouble(r.params().get(key))).toArray();
        double[] y = ok.stream().mapToDouble(TrialResult::metric).toArray();
        double min = java.util.Arrays.stream(x).min().orElse(1);
        double max = java.util.Arrays.stream(x).max().orElse(1);
        Plot p = Plot.scatter(metric + " against " + key, key, metric);
        if (min > 0 && max / min >= 10) {
            p.logX();
        }
        return p.series(metric, x, y);
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
