package org.lmlab.tensor;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.util.Optional;

/**
 * Calls into C functions the presets do not bind (libc's {@code setenv} and {@code mallopt}, OpenBLAS's thread and
 * core queries) through the JDK's foreign-function linker. It is final since JDK 22 and a preview API in Java 21,
 * which the build targets, so it is reached reflectively. Every method degrades to "not available" (null / false)
 * on a JDK without it or a process without the symbol: these calls tune performance and never decide results.
 */
final class NativeCalls {
    private NativeCalls() {}

    /** Which library a symbol is looked up in. */
    enum Lookup {
        /** libc and the other libraries every process has. */
        DEFAULT,
        /** Libraries this class loader loaded (the JavaCPP natives). */
        LOADED
    }

    /** Argument and return kinds of the downcalls used here. */
    enum Kind {
        INT("JAVA_INT"), POINTER("ADDRESS");

        private final String layout;

        Kind(String layout) {
            this.layout = layout;
        }
    }

    /** A handle for {@code symbol}, returning {@code ret} (null for void); null when unavailable. */
    static MethodHandle downcall(Lookup where, String symbol, Kind ret, Kind... args) {
        try {
            Object lookup = where == Lookup.DEFAULT
                    ? cls("java.lang.foreign.Linker").getMethod("defaultLookup").invoke(linker())
                    : cls("java.lang.foreign.SymbolLookup").getMethod("loaderLookup").invoke(null);
            Optional<?> address = (Optional<?>) cls("java.lang.foreign.SymbolLookup").getMethod("find", String.class)
                    .invoke(lookup, symbol);
            if (address.isEmpty()) {
                return null;
            }
            Class<?> layoutClass = cls("java.lang.foreign.MemoryLayout");
            Object layouts = Array.newInstance(layoutClass, args.length);
            for (int i = 0; i < args.length; i++) {
                Array.set(layouts, i, layout(args[i]));
            }
            Class<?> descClass = cls("java.lang.foreign.FunctionDescriptor");
            Object desc = ret == null
                    ? descClass.getMethod("ofVoid", layouts.getClass()).invoke(null, layouts)
                    : descClass.getMethod("of", layoutClass, layouts.getClass()).invoke(null, layout(ret), layouts);
            Class<?> optionClass = cls("java.lang.foreign.Linker$Option");
            Method downcall = cls("java.lang.foreign.Linker").getMethod("downcallHandle",
                    cls("java.lang.foreign.MemorySegment"), descClass, optionClass.arrayType());
            return (MethodHandle) downcall.invoke(linker(), address.get(), desc, Array.newInstance(optionClass, 0));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** A NUL-terminated copy of {@code s} in memory that lives as long as the process (for setenv's arguments). */
    static Object cString(String s) throws ReflectiveOperationException {
        Object arena = cls("java.lang.foreign.Arena").getMethod("global").invoke(null);
        for (String name : new String[] {"allocateFrom", "allocateUtf8String"}) { // JDK 22+, then JDK 21
            try {
                Method m = cls("java.lang.foreign.SegmentAllocator").getMethod(name, String.class);
                return m.invoke(arena, s);
            } catch (NoSuchMethodException e) {
                // try the older name
            }
        }
        throw new NoSuchMethodException("SegmentAllocator.allocateFrom(String)");
    }

    /** The C string a returned pointer points to, or null for a null pointer. */
    static String readCString(Object segment) throws ReflectiveOperationException {
        Class<?> seg = cls("java.lang.foreign.MemorySegment");
        if ((long) seg.getMethod("address").invoke(segment) == 0) {
            return null;
        }
        Object readable = seg.getMethod("reinterpret", long.class).invoke(segment, 256L);
        for (String name : new String[] {"getString", "getUtf8String"}) { // JDK 22+, then JDK 21
            try {
                return (String) seg.getMethod(name, long.class).invoke(readable, 0L);
            } catch (NoSuchMethodException e) {
                // try the older name
            }
        }
        throw new NoSuchMethodException("MemorySegment.getString(long)");
    }

    private static Object linker() throws ReflectiveOperationException {
        return cls("java.lang.foreign.Linker").getMethod("nativeLinker").invoke(null);
    }

    private static Object layout(Kind kind) throws ReflectiveOperationException {
        return cls("java.lang.foreign.ValueLayout").getField(kind.layout).get(null);
    }

    private static Class<?> cls(String name) throws ClassNotFoundException {
        return Class.forName(name);
    }
}
