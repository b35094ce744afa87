package org.lmlab.sweep;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.lmlab.config.BadInputException;
import org.lmlab.config.Configs;
import org.lmlab.run.AtomicFiles;
import org.lmlab.run.Json;
import org.lmlab.run.MetricsLog;
import org.lmlab.train.RunConfig;

/**
 * Runs a sweep in {@code <runs>/sweeps/<name>/}: {@code sweep.yaml} (the spec), {@code trials.jsonl} (one row per
 * finished trial, appended as each finishes), {@code trials/<id>/} (each trial's run directory), {@code logs/}
 * and, at the end, {@code sweep.json} (best trial and the approximately optimal set). Rerunning the same spec
 * resumes: trials already in {@code trials.jsonl} are not run again.
 */
public final class Sweep {
    private Sweep() {}

    /** The finished sweep: every result, the best completed trial and those within the tolerance of it. */
    public record Outcome(Path dir, List<TrialResult> results, TrialResult best, List<TrialResult> nearBest) {}

    public static Outcome run(SweepSpec spec, Path specFile, Path runsRoot, Executor executor, PrintStream out) {
        Path dir = runsRoot.resolve("sweeps").resolve(spec.name());
        Path baseFile = specFile.toAbsolutePath().getParent().resolve(spec.base());
        RunConfig base = Configs.load(baseFile, spec.overrides(), RunConfig.class);
        validate(spec, base);
        try {
            claim(dir, spec);
            List<TrialResult> done = new ArrayList<>(readResults(dir.resolve("trials.jsonl")));
            if (!done.isEmpty()) {
                out.printf("resuming sweep %s: %d trials already finished%n", spec.name(), done.size());
            }
            Strategy strategy = Strategy.of(spec);
            try (MetricsLog log = MetricsLog.open(dir.resolve("trials.jsonl"))) {
                for (List<Trial> batch = strategy.next(done); !batch.isEmpty(); batch = strategy.next(done)) {
                    List<TrialJob> jobs = new ArrayList<>();
                    for (Trial t : batch) {
                        RunConfig c = Configs.withOverrides(base, t.overrides()).withName(t.id());
                        jobs.add(new TrialJob(t, c, dir.resolve("trials"), dir.resolve("logs").resolve(t.id() + ".log"),
                                spec.metric()));
                    }
                    out.printf("sweep %s: running %d trials%n", spec.name(), jobs.size());
                    int[] finished = {0};
                    long t0 = System.nanoTime();
                    executor.run(jobs, r -> {
                        append(log, r, dir);
                        done.add(r);
                        finished[0]++;
                        double elapsed = (System.nanoTime() - t0) / 1e9;
                        double eta = elapsed / finished[0] * (jobs.size() - finished[0]);
                        out.printf(Locale.ROOT, "  [%d/%d] %-40s %-9s %s  (%.0f s, batch ETA %.0f s)%n", finished[0],
                                jobs.size(), r.params(), r.status(), r.completed()
                                        ? String.format(Locale.ROOT, "%s %.4f", spec.metric().name().toLowerCase(),
                                                r.metric())
                                        : r.reason(), r.seconds(), eta);
                    });
                }
            }
            Outcome o = summarize(spec, dir, done);
            Json.writePretty(dir.resolve("sweep.json"), summaryJson(spec, o));
            return o;
        } catch (IOException e) {
            throw new UncheckedIOException("sweep " + dir, e);
        }
    }

    /** Every grid value of every key must be a valid override of the base, checked before anything runs. */
    private static void validate(SweepSpec spec, RunConfig base) {
        spec.parameters().forEach((k, vs) -> {
            for (String v : vs) {
                try {
                    Configs.withOverrides(base, List.of(k + "=" + v));
                } catch (BadInputException e) {
                    throw new BadInputException("parameters." + k + ": " + e.getMessage());
                }
            }
        });
    }

    /** Writes sweep.yaml, or checks that an existing sweep of this name has the same spec. */
    private static void claim(Path dir, SweepSpec spec) throws IOException {
        String yaml = Configs.toYaml(spec);
        Path file = dir.resolve("sweep.yaml");
        if (Files.exists(file)) {
            if (!Files.readString(file).equals(yaml)) {
                throw new BadInputException(file + " holds a different spec for sweep '" + spec.name()
                        + "' (rename the sweep or delete its directory)");
            }
            return;
        }
        Files.createDirectories(dir);
        AtomicFiles.writeString(file, yaml);
    }

    static List<TrialResult> readResults(Path file) throws IOException {
        List<TrialResult> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        for (Map<String, Object> row : MetricsLog.read(file)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> p = (Map<String, Object>) row.get("params");
            Map<String, String> params = new LinkedHashMap<>();
            p.forEach((k, v) -> params.put(k, String.valueOf(v)));
            Object m = row.get("metric");
            out.add(new TrialResult((String) row.get("id"), params, (String) row.get("status"),
                    m instanceof Number n ? n.doubleValue() : Double.NaN, ((Number) row.get("seconds")).doubleValue(),
                    String.valueOf(row.getOrDefault("reason", ""))));
        }
        return out;
    }

    private static void append(MetricsLog log, TrialResult r, Path dir) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", r.id());
        row.put("params", r.params());
        row.put("status", r.status());
        row.put("metric", Double.isFinite(r.metric()) ? r.metric() : null);
        row.put("seconds", r.seconds());
        row.put("reason", r.reason());
        row.put("run_dir", dir.resolve("trials").resolve(r.id()).toString());
        try {
            log.append(row);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Outcome summarize(SweepSpec spec, Path dir, List<TrialResult> done) {
        Comparator<TrialResult> byCost = Comparator.comparingDouble(r -> spec.metric().cost(r.metric()));
        List<TrialResult> completed = done.stream().filter(TrialResult::completed).sorted(byCost).toList();
        TrialResult best = completed.isEmpty() ? null : completed.get(0);
        List<TrialResult> near = best == null ? List.of() : completed.stream()
                .filter(r -> spec.metric().cost(r.metric()) <= spec.metric().cost(best.metric()) + spec.tolerance())
                .toList();
        return new Outcome(dir, List.copyOf(done), best, near);
    }

    private static Map<String, Object> summaryJson(SweepSpec spec, Outcome o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", spec.name());
        m.put("strategy", spec.strategy().name().toLowerCase().replace('_', '-'));
        m.put("metric", spec.metric().name().toLowerCase().replace('_', '-'));
        m.put("trials", o.results().size());
        m.put("completed", o.results().stream().filter(TrialResult::completed).count());
        m.put("diverged", o.results().stream().filter(r -> r.status().equals("diverged")).count());
        m.put("failed", o.results().stream().filter(r -> r.status().equals("failed")).count());
        m.put("best", o.best());
        m.put("approximately_optimal", o.nearBest().stream().map(TrialResult::id).toList());
        m.put("tolerance", spec.tolerance());
        return m;
    }
}
