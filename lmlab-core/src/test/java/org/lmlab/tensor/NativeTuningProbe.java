package org.lmlab.tensor;

import java.lang.invoke.MethodHandle;

/** Child-JVM entry of {@link NativeTuningTest}: loads libtorch, then prints what the native side sees. */
public final class NativeTuningProbe {
    private NativeTuningProbe() {}

    public static void main(String[] args) throws Throwable {
        Torch.init();
        MethodHandle getenv = NativeCalls.downcall(NativeCalls.Lookup.DEFAULT, "getenv", NativeCalls.Kind.POINTER,
                NativeCalls.Kind.POINTER);
        Object value = getenv.invokeWithArguments(NativeCalls.cString("OPENBLAS_THREAD_TIMEOUT"));
        System.out.println("applied " + NativeTuning.applied());
        System.out.println("native OPENBLAS_THREAD_TIMEOUT=" + NativeCalls.readCString(value));
        System.out.println("core " + BlasThreads.coreName());
    }
}
