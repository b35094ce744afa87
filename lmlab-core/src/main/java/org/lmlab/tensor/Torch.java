package org.lmlab.tensor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.pytorch.global.torch;

/**
 * Loads libtorch once per JVM and fixes the thread settings every lmlab process runs with.
 *
 * <p>Call {@link #init()} before the first tensor operation; it is idempotent and cheap after the first call.
 */
public final class Torch {
    /** Version of the libtorch build we link against (the JavaCPP presets pin it). */
    public static final String LIBTORCH_VERSION = "2.10.0";
    /** Version of the JavaCPP presets that carry libtorch. */
    public static final String JAVACPP_VERSION = "1.5.13";

    private static volatile boolean loaded;
    /** Threads set by {@link #setThreads}, 0 = none (the environment decides). */
    private static volatile int override;

    private Torch() {}

    /** Loads the native libraries (extracting them completely first) and sets intra-op threads. */
    public static synchronized void init() {
        if (loaded) {
            return;
        }
        NativeTuning.apply();
        extractNativeLibraries();
        Loader.load(torch.class);
        torch.set_num_threads(threads());
        loaded = true;
        BlasThreads.set(threads());
    }

    /**
     * Extracts every native library of the three preset jars into the JavaCPP cache before anything is loaded.
     *
     * <p>Why: with an empty cache JavaCPP extracts and loads libraries one at a time, and it loads the small
     * {@code libtorch.so} stub before {@code libtorch_cpu.so} has been extracted beside it. The dynamic linker then
     * resolves the stub's {@code DT_NEEDED libtorch_cpu.so} from the system path; on a machine with Debian's
     * {@code python3-torch} that is libtorch 1.13, which drags in {@code libc10.so.1.13} next to our 2.10 libraries
     * and crashes (SIGSEGV in {@code pthread_mutex_lock}). With the whole directory extracted first, the
     * stub's {@code $ORIGIN} run path finds the right library and the system copy is never considered.
     */
    private static void extractNativeLibraries() {
        String platform = Loader.getPlatform();
        for (String preset : new String[] {"javacpp", "openblas", "pytorch"}) {
            try {
                Loader.cacheResources("/org/bytedeco/" + preset + "/" + platform + "/");
            } catch (IOException e) {
                throw new UncheckedIOException("could not extract the " + preset + " native libraries", e);
            }
        }
    }

    /**
     * Intra-op threads: {@code LMLAB_THREADS} if set, else the number of physical cores (hyper-threads share a
     * core's FMA units, so more threads only add contention in matmul-bound training).
     */
    public static int threads() {
        if (override > 0) {
            return override;
        }
        String env = System.getenv("LMLAB_THREADS");
        if (env != null && !env.isBlank()) {
            return Integer.parseInt(env.trim());
        }
        return physicalCores();
    }

    /**
     * Sets intra-op (and OpenBLAS) threads for the rest of this process — for a caller that runs several trainings
     * concurrently on Java threads, one intra-op thread each, so they do not oversubscribe the cores. Every run
     * records {@link #threads()} in its provenance.
     */
    public static synchronized void setThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + n);
        }
        init();
        override = n;
        torch.set_num_threads(n);
        BlasThreads.set(n);
    }

    /**
     * Runs {@code work} with {@code n} intra-op (and OpenBLAS) threads, then restores the previous budget — for a
     * caller that trains several runs at once, one thread each. Set before the runs are prepared, so each one's header
     * and provenance record the threads it trains on.
     */
    public static <T> T withThreads(int n, java.util.concurrent.Callable<T> work) throws Exception {
        int previous = threads();
        setThreads(n);
        try {
            return work.call();
        } finally {
            setThreads(previous);
        }
    }

    /** Physical cores from /proc/cpuinfo (distinct physical id + core id pairs); logical CPUs as a fallback. */
    public static int physicalCores() {
        int logical = Runtime.getRuntime().availableProcessors();
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            return logical;
        }
        try {
            Set<String> cores = new HashSet<>();
            String physical = "0";
            for (String line : Files.readAllLines(cpuinfo)) {
                if (line.startsWith("physical id")) {
                    physical = line.substring(line.indexOf(':') + 1).trim();
                } else if (line.startsWith("core id")) {
                    cores.add(physical + "/" + line.substring(line.indexOf(':') + 1).trim());
                }
            }
            return cores.isEmpty() ? logical : Math.min(cores.size(), logical);
        } catch (IOException e) {
            return logical;
        }
    }

    /** Warns once if the OpenMP spin policy that makes steps ~2.4x slower on small machines is in effect. */
    public static String environmentWarning() {
        String policy = System.getenv("OMP_WAIT_POLICY");
        if (policy == null || !policy.equalsIgnoreCase("PASSIVE")) {
            return "OMP_WAIT_POLICY is not PASSIVE: training may run ~2x slower (the ./lmlab launcher sets it)";
        }
        return null;
    }
}
