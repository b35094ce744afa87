package org.lmlab.run;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lmlab.config.BadInputException;

/**
 * The directory that holds everything one run produces (layout in the package documentation). This class only
 * knows names and the checkpoint protocol; what goes into the files belongs to the trainer.
 *
 * @param dir the run directory itself, {@code root/name}
 */
public record RunDir(Path dir) {
    public static final String CONFIG = "config.yaml";
    public static final String PROVENANCE = "provenance.json";
    public static final String METRICS = "metrics.jsonl";
    public static final String SUMMARY = "summary.json";
    public static final String REPORT = "report.md";
    public static final String CHECKPOINTS = "checkpoints";

    private static final Pattern STEP_DIR = Pattern.compile("step-(\\d{6,18})");

    /**
     * Creates {@code root/name}, or reuses it if it exists without checkpoints (a run that died before its first
     * checkpoint has nothing worth keeping). A directory that already has checkpoints is refused: continuing it is
     * a resume ({@link #open}), and silently starting over would overwrite a run.
     */
    public static RunDir create(Path root, String name) throws IOException {
        if (name == null || name.isBlank() || name.equals(".") || name.equals("..") || name.startsWith(".")
                || name.contains("/") || name.contains("\\")) {
            throw new BadInputException("run name '" + name + "': must be a plain directory name (no '/', not"
                    + " starting with '.')");
        }
        Path dir = root.resolve(name);
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new BadInputException(dir + ": exists and is not a directory");
        }
        RunDir run = new RunDir(dir);
        Optional<CheckpointDir> latest = run.latestCheckpoint();
        if (latest.isPresent()) {
            throw new BadInputException(dir + ": already has checkpoints (latest " + latest.get().dir().getFileName()
                    + "); resume it or choose another run name");
        }
        Files.createDirectories(dir);
        return run;
    }

    /** An existing run directory, e.g. to resume or report on it. */
    public static RunDir open(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException(dir + ": no such run directory");
        }
        return new RunDir(dir);
    }

    /** {@code step-000100}: six digits at least, so names sort in step order for runs under a million steps. */
    public static String checkpointName(long step) {
        if (step < 0) {
            throw new IllegalArgumentException("step must be >= 0, got " + step);
        }
        return String.format(java.util.Locale.ROOT, "step-%06d", step);
    }

    public Path resolve(String first, String... more) {
        Path p = dir.resolve(first);
        for (String m : more) {
            p = p.resolve(m);
        }
        return p;
    }

    public Path configFile() {
        return dir.resolve(CONFIG);
    }

    public Path provenanceFile() {
        return dir.resolve(PROVENANCE);
    }

    public Path metricsFile() {
        return dir.resolve(METRICS);
    }

    public Path summaryFile() {
        return dir.resolve(SUMMARY);
    }

    public Path reportFile() {
        return dir.resolve(REPORT);
    }

    public Path checkpointsDir() {
        return dir.resolve(CHECKPOINTS);
    }

    /** Where the checkpoint for {@code step} lives (whether or not it exists). */
    public CheckpointDir checkpoint(long step) {
        return new CheckpointDir(step, checkpointsDir().resolve(checkpointName(step)));
    }

    /** Complete checkpoints in step order; temp dirs, stray files and dirs without state.json are skipped. */
    public List<CheckpointDir> listCheckpoints() throws IOException {
        List<CheckpointDir> found = new ArrayList<>();
        if (!Files.isDirectory(checkpointsDir())) {
            return found;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(checkpointsDir())) {
            for (Path p : entries) {
                Matcher m = STEP_DIR.matcher(p.getFileName().toString());
                if (m.matches() && Files.isDirectory(p)) {
                    CheckpointDir c = new CheckpointDir(Long.parseLong(m.group(1)), p);
                    if (c.isComplete()) {
                        found.add(c);
                    }
                }
            }
        }
        found.sort(Comparator.comparingLong(CheckpointDir::step));
        return found;
    }

    /** The complete checkpoint with the highest step, if any — where a resume starts from. */
    public Optional<CheckpointDir> latestCheckpoint() throws IOException {
        List<CheckpointDir> all = listCheckpoints();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /**
     * Writes the checkpoint for {@code step} atomically: {@code writer} fills a temp directory (writing
     * {@code state.json} last), which is then {@link AtomicFiles#publishDirectory published}, replacing an
     * existing checkpoint of the same step. A crash at any point leaves the previous checkpoints intact.
     */
    public CheckpointDir writeCheckpoint(long step, IOConsumer<Path> writer) throws IOException {
        CheckpointDir target = checkpoint(step);
        Path tmp = AtomicFiles.newTempDir(target.dir());
        try {
            writer.accept(tmp);
            if (!Files.isRegularFile(tmp.resolve(CheckpointDir.STATE))) {
                throw new IllegalStateException("checkpoint writer for step " + step + " did not write "
                        + CheckpointDir.STATE);
            }
            AtomicFiles.publishDirectory(tmp, target.dir());
            return target;
        } finally {
            AtomicFiles.deleteRecursively(tmp);
        }
    }

    /** Deletes temp files and directories left by writes a crash interrupted, in the run and checkpoint dirs. */
    public void removeLeftovers() throws IOException {
        for (Path d : List.of(dir, checkpointsDir())) {
            if (!Files.isDirectory(d)) {
                continue;
            }
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(d)) {
                for (Path p : entries) {
                    if (AtomicFiles.isTempName(p.getFileName().toString())) {
                        AtomicFiles.deleteRecursively(p);
                    }
                }
            }
        }
    }
}
