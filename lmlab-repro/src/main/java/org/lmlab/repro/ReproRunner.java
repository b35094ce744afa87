package org.lmlab.repro;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lmlab.report.Markdown;
import org.lmlab.run.AtomicFiles;
import org.lmlab.run.Json;
import org.lmlab.run.Provenance;
import org.lmlab.tensor.Torch;

/**
 * Runs one reproduction under the DESIGN.md contract: a fresh {@code runs/repro/<name>-seed<N>/} (quick runs get
 * {@code -quick} appended so they never overwrite a full run's report), progress on the console, the verdict
 * table printed and saved ({@code verdict.json}, {@code report.md}), provenance recorded.
 */
public final class ReproRunner {
    private ReproRunner() {}

    /** The outcome: the verdict, where it was written and how long it took. */
    public record Outcome(Verdict verdict, Path dir, double seconds) {}

    public static Outcome run(Reproduction r, long seed, boolean quick, Path runsRoot, PrintStream out)
            throws Exception {
        Path dir = runsRoot.resolve("repro").resolve(r.name() + "-seed" + seed + (quick ? "-quick" : ""));
        if (Files.exists(dir)) {
            // A reproduction directory is the output of one run; a rerun replaces it as a whole.
            AtomicFiles.deleteRecursively(dir);
        }
        Files.createDirectories(dir);
        Map<String, String> libs = new LinkedHashMap<>();
        libs.put("libtorch", Torch.LIBTORCH_VERSION);
        libs.put("javacpp", Torch.JAVACPP_VERSION);
        libs.put("threads", String.valueOf(Torch.threads()));
        libs.put("command", "lmlab repro " + r.name() + " --seed " + seed + (quick ? " --quick" : ""));
        Json.writePretty(dir.resolve("provenance.json"), Provenance.collect(seed, libs));

        out.printf("%s — %s%nseed %d%s, output %s%n", r.name(), r.paper(), seed, quick ? ", quick" : "", dir);
        ReproContext ctx = new ReproContext(seed, quick, dir, out);
        long t0 = System.nanoTime();
        Verdict verdict = r.run(ctx);
        double seconds = (System.nanoTime() - t0) / 1e9;

        out.println();
        out.print(table(verdict));
        out.printf("%s in %.0f s: %s%n", verdict.passed() ? "PASS" : "FAIL", seconds, dir.resolve("report.md"));
        Json.writePretty(dir.resolve("verdict.json"), Map.of("name", r.name(), "seed", seed, "quick", quick,
                "passed", verdict.passed(), "seconds", seconds, "criteria", verdict.criteria()));
        report(r, seed, quick, seconds, verdict, ctx.report()).save(dir.resolve("report.md"));
        return new Outcome(verdict, dir, seconds);
    }

    /** The console table: criterion · measured · threshold · pass, with the spread where there is one. */
    static String table(Verdict v) {
        int w = Math.max(9, v.criteria().stream().mapToInt(c -> c.name().length()).max().orElse(9));
        int m = Math.max(8, v.criteria().stream().mapToInt(c -> c.measured().length()).max().orElse(8));
        int t = Math.max(9, v.criteria().stream().mapToInt(c -> c.threshold().length()).max().orElse(9));
        StringBuilder b = new StringBuilder();
        String fmt = "%-" + w + "s  %" + m + "s  %-" + t + "s  %-4s  %s%n";
        b.append(String.format(fmt, "criterion", "measured", "threshold", "pass", "spread"));
        for (Criterion c : v.criteria()) {
            b.append(String.format(fmt, c.name(), c.measured(), c.threshold(), c.pass() ? "yes" : "NO", c.spread()));
        }
        return b.toString();
    }

    private static Markdown report(Reproduction r, long seed, boolean quick, double seconds, Verdict v,
            Markdown body) {
        List<List<String>> rows = new ArrayList<>();
        for (Criterion c : v.criteria()) {
            rows.add(List.of(c.name(), c.measured(), c.threshold(), c.pass() ? "yes" : "**no**", c.spread()));
        }
        return new Markdown()
                .heading(1, r.name() + ": " + (v.passed() ? "PASS" : "FAIL"))
                .paragraph("Paper: *" + r.paper() + "*. Seed " + seed + (quick ? " (quick version)" : "")
                        + ", " + String.format("%.0f", seconds) + " s. Reproduce with `./lmlab repro " + r.name()
                        + " --seed " + seed + (quick ? " --quick" : "") + "`; provenance in `provenance.json`.")
                .table(List.of("criterion", "measured", "threshold", "pass", "spread"), rows)
                .append(body);
    }
}
