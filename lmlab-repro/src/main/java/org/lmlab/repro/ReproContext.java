package org.lmlab.repro;

import java.io.PrintStream;
import java.nio.file.Path;
import org.lmlab.report.Markdown;

/**
 * What a reproduction run is given: its seed, whether it is the quick version, its output directory, a progress
 * log and the report body it fills. Sub-runs (full run directories with metrics and checkpoints) go under
 * {@link #runDir(String)}.
 */
public final class ReproContext {
    private final long seed;
    private final boolean quick;
    private final Path dir;
    private final PrintStream log;
    private final Markdown report = new Markdown();
    private final long started = System.nanoTime();

    public ReproContext(long seed, boolean quick, Path dir, PrintStream log) {
        this.seed = seed;
        this.quick = quick;
        this.dir = dir;
        this.log = log;
    }

    public long seed() {
        return seed;
    }

    public boolean quick() {
        return quick;
    }

    /** {@code runs/repro/<name>-seed<N>/}: plots and files of this run go here. */
    public Path dir() {
        return dir;
    }

    /** Directory for a named sub-run, e.g. {@code runDir("adamw-lr3e-3")}. */
    public Path runDir(String name) {
        return dir.resolve("runs").resolve(name);
    }

    /** The report body; the runner adds the header, the verdict table and provenance around it. */
    public Markdown report() {
        return report;
    }

    /** A progress line, prefixed with the elapsed time. */
    public void log(String format, Object... args) {
        double s = (System.nanoTime() - started) / 1e9;
        log.printf("[%6.1fs] %s%n", s, String.format(format, args));
        log.flush();
    }

    /** The stream progress goes to (for trainers' own progress lines). */
    public PrintStream out() {
        return log;
    }
}
