package org.lmlab.tensor;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.util.Optional;

/**
 * OpenBLAS's own thread pool, which is separate from libtorch's intra-op pool. Why it matters: OpenBLAS workers spin
 * after every call; with one intra-op thread (LMLAB_THREADS=1), or with several training threads calling BLAS at
 * once (a reproduction's arms in parallel), that spinning measured 40–80 ms CPU per training step of a d=32 model
 * whose step needs 5.2 ms. {@link Torch#init} sets the pool to the intra-op thread count.
 *
 * <p>The presets do not bind {@code openblas_set_num_threads}; it is called through the JDK's foreign-function
 * linker (final since JDK 22), reached reflectively because the build targets Java 21, where it is a preview API.
 * On a JDK without it, or without that symbol, nothing happens (the pool keeps OpenBLAS's default).
 */
public final class BlasThreads {
    private static volatile MethodHandle setter;
    private static volatile boolean looked;

    private BlasThreads() {}

    /** Sets the OpenBLAS pool size; returns whether it could. Call after the native libraries are loaded. */
    public static synchronized boolean set(int n) {
        MethodHandle h = handle();
        if (h == null) {
            return false;
        }
        try {
            h.invokeWithArguments(n);
            return true;
        } catch (Throwable e) {
            return false;
        }
    }

    private static MethodHandle handle() {
        if (looked) {
            return setter;
        }
        looked = true;
        try {
            Class<?> lookupClass = Class.forName("java.lang.foreign.SymbolLookup");
            Object lookup = lookupClass.getMethod("loaderLookup").invoke(null);
            Optional<?> symbol = (Optional<?>) lookupClass.getMethod("find", String.class)
                    .invoke(lookup, "openblas_set_num_threads");
            if (symbol.isEmpty()) {
                return null;
            }
            Class<?> layoutClass = Class.forName("java.lang.foreign.MemoryLayout");
            Class<?> valueLayout = Class.forName("java.lang.foreign.ValueLayout");
            Object intLayout = valueLayout.getField("JAVA_INT").get(null);
            Object layouts = Array.newInstance(layoutClass, 1);
            Array.set(layouts, 0, intLayout);
            Class<?> descClass = Class.forName("java.lang.foreign.FunctionDescriptor");
            Object desc = descClass.getMethod("ofVoid", layouts.getClass()).invoke(null, layouts);
            Class<?> linkerClass = Class.forName("java.lang.foreign.Linker");
            Object linker = linkerClass.getMethod("nativeLinker").invoke(null);
            Class<?> segment = Class.forName("java.lang.foreign.MemorySegment");
            Class<?> optionClass = Class.forName("java.lang.foreign.Linker$Option");
            Method downcall = linkerClass.getMethod("downcallHandle", segment, descClass, optionClass.arrayType());
            setter = (MethodHandle) downcall.invoke(linker, symbol.get(), desc, Array.newInstance(optionClass, 0));
        } catch (ReflectiveOperationException | RuntimeException e) {
            setter = null;
        }
        return setter;
    }
}
