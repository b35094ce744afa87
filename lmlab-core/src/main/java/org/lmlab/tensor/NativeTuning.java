package org.lmlab.tensor;

import java.lang.invoke.MethodHandle;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
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
    /** One malloc setting: glibc's mallopt parameter number (malloc.h), its environment variable and the value. */
    private record MallocSetting(int param, String env, int value) {}

    /** In this order: setting the mmap threshold first also turns off glibc's dynamic threshold adjustment. */
    private static final List<MallocSetting> MALLOC = List.of(
            new MallocSetting(-3, "MALLOC_MMAP_THRESHOLD_", 32 << 20),
            new MallocSetting(-1, "MALLOC_TRIM_THRESHOLD_", 1 << 30),
            new MallocSetting(-2, "MALLOC_TOP_PAD_", 64 << 20));

    private static Map<String, String> applied;

    private NativeTuning() {}

    /** Applies the settings (once per process); call before the native libraries load. */
    static synchronized void apply() {
        if (applied != null) {
            return;
        }
        if ("off".equals(System.getenv("LMLAB_NATIVE_TUNING"))) {
            applied = Map.of();
            return;
        }
        Map<String, String> done = new LinkedHashMap<>();
        if (MALLOC.stream().allMatch(m -> System.getenv(m.env()) == null) && mallopt()) {
            MALLOC.forEach(m -> done.put(m.env(), String.valueOf(m.value())));
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
            for (MallocSetting m : MALLOC) {
                if ((int) h.invokeWithArguments(m.param(), m.value()) != 1) {
                    return false;
                }
            }
            return true;
        } catch (Throwable e) {
            return false;
        }
    }

    private static void setenvIfAbsent(String name, String value, Map<String, String> done) {
        if (System.getenv(name) != null) {
            return;
        }
        MethodHandle h = NativeCalls.downcall(NativeCalls.Lookup.DEFAULT, "setenv", NativeCalls.Kind.INT,
                NativeCalls.Kind.POINTER, NativeCalls.Kind.POINTER, NativeCalls.Kind.INT);
        try {
            if (h != null
                    && (int) h.invokeWithArguments(NativeCalls.cString(name), NativeCalls.cString(value), 0) == 0) {
                done.put(name, value);
            }
        } catch (Throwable e) {
            // left as it was: a slower step, never a different result
        }
    }
}
