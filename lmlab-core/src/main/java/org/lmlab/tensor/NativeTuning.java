package org.lmlab.tensor;

import java.lang.invoke.MethodHandle;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Process settings applied once, before libtorch and OpenBLAS load, because each one was measured to change a training
 * step's speed (reference model, 2-core AMD EPYC VM, 2026-11-28; docs/performance.md has the numbers). A
 * setting the user already made in the environment is left alone, {@code LMLAB_NATIVE_TUNING=off} turns all of them
 * off, and {@link #applied()} reports what this class set.
 *
 * <ul>
 *   <li><b>glibc malloc keeps freed activation memory</b> ({@code mallopt}: mmap threshold 32 MiB, trim threshold
 *       1 GiB, top pad 64 MiB). By default the allocator returns large blocks to the kernel and the next step faults
 *       them in again, zero-filled: ~10,000 page faults per step, 340 → 270 ms per step here (faults are expensive
 *       in a VM). Python's PyTorch took ~600–1,200 faults per step without it.</li>
 *   <li><b>{@code OPENBLAS_THREAD_TIMEOUT=16}</b>: an idle OpenBLAS worker spins ~2<sup>16</sup> cycles, not
 *       OpenBLAS's default 2<sup>28</sup> (~0.1 s), before it sleeps. Spinning through a step's elementwise ops it
 *       took a core from libtorch's own threads: 24% of the step's samples were its busy loop.</li>
 * </ul>
 *
 * <p>The BLAS kernel set is not chosen here: an {@code OPENBLAS_CORETYPE} in the environment (this machine's pins
 * Haswell) keeps results identical across hosts, and OpenBLAS's own detection decides otherwise.
 */
public final class NativeTuning {
    /** glibc's mallopt parameter numbers (malloc.h). */
    private static final int M_TRIM_THRESHOLD = -1;
    private static final int M_TOP_PAD = -2;
    private static final int M_MMAP_THRESHOLD = -3;

    /** The malloc settings as glibc's environment variables (mallopt applies the same values in-process). */
    private static final Map<String, String> MALLOC = Map.of("MALLOC_MMAP_THRESHOLD_", String.valueOf(32 << 20),
            "MALLOC_TRIM_THRESHOLD_", String.valueOf(1 << 30), "MALLOC_TOP_PAD_", String.valueOf(64 << 20));

    private static Map<String, String> applied;

    private NativeTuning() {}

    /** Applies the settings (once per process); call before the native libraries load. */
    static synchronized void apply() {
        if (applied != null) {
            return;
        }
        Map<String, String> done = new LinkedHashMap<>();
        if ("off".equals(System.getenv("LMLAB_NATIVE_TUNING"))) {
            applied = Map.of();
            return;
        }
        if (MALLOC.keySet().stream().allMatch(k -> System.getenv(k) == null) && mallopt()) {
            done.putAll(MALLOC);
        }
        setenvIfAbsent("OPENBLAS_THREAD_TIMEOUT", "16", done);
        applied = Collections.unmodifiableMap(done);
    }

    /**
     * What {@link #apply} set in this process, as the environment variables that give a child process the same
     * settings (glibc reads {@code MALLOC_*_} at start-up); empty before it ran or where the user had set them.
     */
    public static synchronized Map<String, String> applied() {
        return applied == null ? Map.of() : applied;
    }

    private static boolean mallopt() {
        MethodHandle h = NativeCalls.downcall(NativeCalls.Lookup.DEFAULT, "mallopt", NativeCalls.Kind.INT,
                NativeCalls.Kind.INT, NativeCalls.Kind.INT);
        if (h == null) {
            return false;
        }
        try {
            // Threshold first: setting it also turns off glibc's dynamic threshold adjustment.
            return set(h, M_MMAP_THRESHOLD, "MALLOC_MMAP_THRESHOLD_") && set(h, M_TRIM_THRESHOLD, "MALLOC_TRIM_THRESHOLD_")
                    && set(h, M_TOP_PAD, "MALLOC_TOP_PAD_");
        } catch (Throwable e) {
            return false;
        }
    }

    private static boolean set(MethodHandle mallopt, int param, String name) throws Throwable {
        return (int) mallopt.invokeWithArguments(param, Integer.parseInt(MALLOC.get(name))) == 1;
    }

    private static void setenvIfAbsent(String name, String value, Map<String, String> done) {
        if (System.getenv(name) != null) {
            return;
        }
        MethodHandle h = NativeCalls.downcall(NativeCalls.Lookup.DEFAULT, "setenv", NativeCalls.Kind.INT,
                NativeCalls.Kind.POINTER, NativeCalls.Kind.POINTER, NativeCalls.Kind.INT);
        try {
            if (h != null && (int) h.invokeWithArguments(NativeCalls.cString(name), NativeCalls.cString(value), 0) == 0) {
                done.put(name, value);
            }
        } catch (Throwable e) {
            // left as it was: a slower step, never a different result
        }
    }
}
