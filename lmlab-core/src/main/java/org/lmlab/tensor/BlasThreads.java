package org.lmlab.tensor;

import java.lang.invoke.MethodHandle;

/**
 * OpenBLAS's own thread pool, which is separate from libtorch's intra-op pool. Why it matters: OpenBLAS workers spin
 * after every call; with one intra-op thread (LMLAB_THREADS=1), or with several training threads calling BLAS at
 * once (a reproduction's arms in parallel), that spinning measured 40–80 ms CPU per training step of a d=32 model
 * whose step needs 5.2 ms. {@link Torch#init} sets the pool to the intra-op thread count.
 *
 * <p>The presets do not bind {@code openblas_set_num_threads}; it is called through {@link NativeCalls}. Without it
 * nothing happens (the pool keeps OpenBLAS's default).
 */
public final class BlasThreads {
    private static MethodHandle setter;
    private static MethodHandle coreName;
    private static boolean looked;

    private BlasThreads() {}

    /** Sets the OpenBLAS pool size; returns whether it could. Call after the native libraries are loaded. */
    public static synchronized boolean set(int n) {
        look();
        if (setter == null) {
            return false;
        }
        try {
            setter.invokeWithArguments(n);
            return true;
        } catch (Throwable e) {
            return false;
        }
    }

    /** The kernel set OpenBLAS chose for this CPU (e.g. "SkylakeX", "Haswell"), or "unknown". */
    public static synchronized String coreName() {
        look();
        try {
            String name = coreName == null ? null : NativeCalls.readCString(coreName.invokeWithArguments());
            return name == null ? "unknown" : name.trim();
        } catch (Throwable e) {
            return "unknown";
        }
    }

    private static void look() {
        if (!looked) {
            looked = true;
            setter = NativeCalls.downcall(NativeCalls.Lookup.LOADED, "openblas_set_num_threads", null,
                    NativeCalls.Kind.INT);
            coreName = NativeCalls.downcall(NativeCalls.Lookup.LOADED, "openblas_get_corename",
                    NativeCalls.Kind.POINTER);
        }
    }
}
