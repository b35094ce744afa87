package org.lmlab.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.lmlab.run.Json;
import org.lmlab.run.MetricsLog;
import org.lmlab.run.RunDir;

/**
 * The {@code report.md} of one run directory: what ran (config), how it ended (summary), and its loss curves
 * ({@code loss.png}: training loss per step, validation loss at each evaluation). Built only from the files in the
 * directory, so it can be regenerated at any time ({@code lmlab report <run>}).
 */
public final class RunReport {
    private RunReport() {}

    /** Writes {@code report.md} and {@code loss.png} into the run directory. */
    public static void write(RunDir run) throws IOException {
        List<Map<String, Object>> rows = Files.exists(run.metricsFile()) ? MetricsLog.read(run.metricsFile()) : List.of();
        Markdown md = new Markdown().heading(1, "Run " + run.dir().getFileName());
        if (Files.exists(run.summaryFile())) {
            Map<String, Object> s = Json.readMap(run.summaryFile());
            md.paragraph("Status **" + s.get("status") + "** after " + s.get("steps") + " steps, " + s.get("tokens")
                    + " tokens, " + String.format("%.0f", ((Number) s.getOrDefault("seconds", 0)).doubleValue())
                    + " s." + (s.get("reason") != null ? " Reason: " + s.get("reason") : ""));
            if (s.get("final_eval") instanceof Map<?, ?> e) {
                md.table(List.of("final train loss", "val loss", "val accuracy"),
                        List.of(List.of(String.valueOf(s.get("final_train_loss")), String.valueOf(e.get("loss")),
                                String.valueOf(e.get("accuracy")))));
            }
        }
        if (!rows.isEmpty()) {
            lossPlot(rows).save(run.dir().resolve("loss.png"));
            md.image("loss curves", "loss.png");
        }
        if (Files.exists(run.configFile())) {
            md.heading(2, "Config").paragraph("```yaml\n" + Files.readString(run.configFile()).strip() + "\n```");
        }
        md.paragraph("Provenance (code version, machine, libraries, seed): `provenance.json`. Every metric: "
                + "`metrics.jsonl`.");
        md.save(run.reportFile());
    }

    /** Training loss per step and validation loss per evaluation, on a log-scaled loss axis. */
    public static Plot lossPlot(List<Map<String, Object>> rows) {
        List<double[]> train = new ArrayList<>();
        List<double[]> val = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            if (r.get("step") instanceof Number step && r.get("loss") instanceof Number loss) {
                (("val".equals(r.get("split"))) ? val : train).add(new double[] {step.doubleValue(), loss.doubleValue()});
            }
        }
        Plot p = Plot.lines("Loss", "step", "loss").logY();
        if (!train.isEmpty()) {
            p.series("train", column(train, 0), column(train, 1));
        }
        if (!val.isEmpty()) {
            p.series("validation", column(val, 0), column(val, 1));
        }
        return p;
    }

    private static double[] column(List<double[]> pts, int i) {
        return pts.stream().mapToDouble(a -> a[i]).toArray();
    }
}
