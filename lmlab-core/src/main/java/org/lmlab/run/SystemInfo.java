package org.lmlab.run;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Best-effort facts about the machine and checkout for {@link Provenance}. Every probe has a fallback and a
 * short timeout: provenance must never be the reason a run fails to start.
 */
final class SystemInfo {
    private SystemInfo() {}

    static final String UNKNOWN = "unknown";
    private static final long GIT_TIMEOUT_MS = 3000;

    /** Output of a git command in {@code dir} (trimmed), or empty if git is missing, fails or hangs. */
    static Optional<String> git(Path dir, String... args) {
        List<String> cmd = new ArrayList<>(List.of("git"));
        cmd.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(cmd).directory(dir.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            p.getOutputStream().close(); // git must never sit waiting for input
        } catch (IOException e) {
            return Optional.empty();
        }
        // Read on another thread so a chatty `git status` cannot fill the pipe and stall the wait.
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        try {
            if (!p.waitFor(GIT_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            String text = out.get(GIT_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            return p.exitValue() == 0 ? Optional.of(text.strip()) : Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            return Optional.empty();
        } catch (ExecutionException | TimeoutException e) {
            p.destroyForcibly();
            return Optional.empty();
        }
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** The "model name" line of /proc/cpuinfo, else the JVM's architecture. */
    static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                int colon = line.indexOf(':');
                if (line.startsWith("model name") && colon > 0) {
                    return line.substring(colon + 1).strip();
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux, or /proc is unavailable.
        }
        return System.getProperty("os.arch", UNKNOWN);
    }

    /** Physical memory in bytes, or -1 if the platform will not say. */
    static long totalMemoryBytes() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return -1;
    }

    /** The kernel's host name without a DNS lookup if possible (lookups can hang on badly configured hosts). */
    static String hostname() {
        for (String file : List.of("/proc/sys/kernel/hostname", "/etc/hostname")) {
            try {
                String name = Files.readString(Path.of(file)).strip();
                if (!name.isEmpty()) {
                    return name;
                }
            } catch (IOException | RuntimeException e) {
                // Try the next source.
            }
        }
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env.strip();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return UNKNOWN;
        }
    }
}
