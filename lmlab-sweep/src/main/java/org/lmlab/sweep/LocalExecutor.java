package org.lmlab.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.lmlab.config.Configs;
import org.lmlab.run.AtomicFiles;

/**
 * Runs up to {@code parallel} trials at once, each in its own child JVM with {@code threadsPerTrial} libtorch
 * threads ({@code parallel · threadsPerTrial} should not exceed the physical cores: oversubscribed BLAS threads
 * slow everything down). Child processes isolate trials completely — own RNG, own native memory, a crash takes
 * down one trial only — and are killed if this JVM exits.
 */
public final class LocalExecutor implements Executor {
    private final int parallel;
    private final int threadsPerTrial;
    private final Set<Process> running = ConcurrentHashMap.newKeySet();
    private final Thread killer = new Thread(() -> running.forEach(Process::destroyForcibly));

    public LocalExecutor(int parallel, int threadsPerTrial) {
        if (parallel < 1 || threadsPerTrial < 1) {
            throw new IllegalArgumentException("parallel and threads per trial must be >= 1");
        }
        this.parallel = parallel;
        this.threadsPerTrial = threadsPerTrial;
        Runtime.getRuntime().addShutdownHook(killer);
    }

    @Override
    public void run(List<TrialJob> jobs, Consumer<TrialResult> onResult) {
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (TrialJob job : jobs) {
                futures.add(pool.submit(() -> {
                    TrialResult r = runChild(job);
                    synchronized (onResult) {
                        onResult.accept(r);
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running.forEach(Process::destroyForcibly);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("sweep worker failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private TrialResult runChild(TrialJob job) {
        long t0 = System.nanoTime();
        try {
            Path yaml = job.logFile().resolveSibling(job.trial().id() + ".yaml");
            AtomicFiles.writeString(yaml, Configs.toYaml(job.config()));
            Files.createDirectories(job.logFile().getParent());
            List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "-Xss8m", "-cp", System.getProperty("java.class.path"),
                    TrialRunner.class.getName(), job.trialsRoot().toString(), yaml.toString());
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(job.logFile().toFile()));
            pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
            pb.environment().put("LMLAB_THREADS", Integer.toString(threadsPerTrial));
            // OpenBLAS keeps its own pool beside torch's; sized to the cores it oversubscribes parallel trials.
            pb.environment().put("OPENBLAS_NUM_THREADS", Integer.toString(threadsPerTrial));
            Process p = pb.start();
            running.add(p);
            int code;
            try {
                code = p.waitFor();
            } finally {
                running.remove(p);
            }
            String reason = code == 0 ? "" : "exit " + code + ": " + lastLine(job.logFile());
            return TrialRunner.read(job.trial(), job.trialsRoot().resolve(job.config().name()), job.metric(),
                    (System.nanoTime() - t0) / 1e9, reason);
        } catch (IOException | InterruptedException e) {
            return new TrialResult(job.trial().id(), job.trial().params(), "failed", Double.NaN,
                    (System.nanoTime() - t0) / 1e9, e.toString());
        }
    }

    private static String lastLine(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (!lines.get(i).isBlank()) {
                return lines.get(i).strip();
            }
        }
        return "";
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(killer);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook runs anyway.
        }
    }
}
