package org.lmlab.run;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything needed to say later what produced a run: code version, machine, libraries, seed and command line.
 * Written once as {@code provenance.json} when a run starts. Probes that fail yield {@code "unknown"} (or -1)
 * rather than an error.
 *
 * @param gitCommit        {@code git rev-parse HEAD} of the working directory, or "unknown" outside a repository
 * @param gitDirty         true when {@code git status --porcelain} reported changes (false when unknown)
 * @param lmlabVersion     the jar's Implementation-Version, or "dev" when running from classes
 * @param javaVersion      {@code java.runtime.version}
 * @param javaVendor       {@code java.vendor}
 * @param os               name, version and architecture
 * @param cpuModel         from /proc/cpuinfo "model name", else the architecture
 * @param logicalCores     processors available to the JVM
 * @param totalMemoryBytes physical memory, -1 if unknown
 * @param maxHeapBytes     the JVM's maximum heap
 * @param hostname         the machine's name
 * @param libraries        library name → version as supplied by the caller (e.g. pytorch, javacpp), sorted
 * @param commandLine      the arguments the run was started with, empty if not given
 * @param timestampUtc     ISO-8601 UTC time of collection, e.g. {@code 2025-01-31T12:00:00Z}
 * @param seed             the run's random seed
 */
public record Provenance(
        String gitCommit,
        boolean gitDirty,
        String lmlabVersion,
        String javaVersion,
        String javaVendor,
        String os,
        String cpuModel,
        int logicalCores,
        long totalMemoryBytes,
        long maxHeapBytes,
        String hostname,
        Map<String, String> libraries,
        List<String> commandLine,
        String timestampUtc,
        long seed) {

    public Provenance {
        libraries = libraries == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(libraries));
        commandLine = commandLine == null ? List.of() : List.copyOf(commandLine);
    }

    /** Collects provenance now, without a command line. */
    public static Provenance collect(long seed, Map<String, String> libraries) {
        return collect(seed, libraries, List.of());
    }

    /**
     * Collects provenance now.
     *
     * @param libraries   versions only the caller knows (torch, javacpp, ...), recorded as given
     * @param commandLine the program arguments, recorded as given
     */
    public static Provenance collect(long seed, Map<String, String> libraries, List<String> commandLine) {
        Path cwd = Path.of("").toAbsolutePath();
        String commit = SystemInfo.git(cwd, "rev-parse", "HEAD").filter(s -> !s.isEmpty()).orElse(SystemInfo.UNKNOWN);
        boolean dirty = !commit.equals(SystemInfo.UNKNOWN)
                && SystemInfo.git(cwd, "status", "--porcelain").map(s -> !s.isEmpty()).orElse(false);
        String version = Objects.requireNonNullElse(Provenance.class.getPackage().getImplementationVersion(), "dev");
        return new Provenance(
                commit,
                dirty,
                version,
                System.getProperty("java.runtime.version", System.getProperty("java.version", SystemInfo.UNKNOWN)),
                System.getProperty("java.vendor", SystemInfo.UNKNOWN),
                System.getProperty("os.name", "?") + " " + System.getProperty("os.version", "?") + " "
                        + System.getProperty("os.arch", "?"),
                SystemInfo.cpuModel(),
                Runtime.getRuntime().availableProcessors(),
                SystemInfo.totalMemoryBytes(),
                Runtime.getRuntime().maxMemory(),
                SystemInfo.hostname(),
                libraries,
                commandLine,
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                seed);
    }

    /** Pretty JSON with snake_case keys. */
    public String toJson() {
        return Json.toPrettyString(this);
    }

    /** Writes {@link #toJson()} to {@code file} atomically. */
    public void writeTo(Path file) throws IOException {
        AtomicFiles.writeString(file, toJson());
    }

    /** Reads a provenance.json written by {@link #writeTo}. */
    public static Provenance read(Path file) throws IOException {
        return Json.read(file, Provenance.class);
    }
}
