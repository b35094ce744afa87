package org.lmlab.tensor;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link NativeTuning} sets its defaults where the native libraries see them, and leaves a user's own settings alone.
 * Each case runs a fresh JVM, because the settings apply once per process, before libtorch loads.
 */
class NativeTuningTest {
    @Test
    void defaultsReachTheNativeSide() throws Exception {
        String out = probe(Map.of());
        assertTrue(out.contains("native OPENBLAS_THREAD_TIMEOUT=16"), out);
        assertTrue(out.contains("OPENBLAS_THREAD_TIMEOUT=16") && out.contains("MALLOC_MMAP_THRESHOLD_=33554432"), out);
        assertFalse(out.contains("core unknown"), "OpenBLAS's core name is readable: " + out);
    }

    @Test
    void theUsersOwnSettingsWin() throws Exception {
        String out = probe(Map.of("OPENBLAS_THREAD_TIMEOUT", "20", "MALLOC_TOP_PAD_", "0"));
        assertTrue(out.contains("native OPENBLAS_THREAD_TIMEOUT=20"), out);
        assertTrue(out.contains("applied {}"), "nothing of ours is applied over the user's settings: " + out);
    }

    @Test
    void offTurnsEverythingOff() throws Exception {
        String out = probe(Map.of("LMLAB_NATIVE_TUNING", "off"));
        assertTrue(out.contains("applied {}") && out.contains("native OPENBLAS_THREAD_TIMEOUT=null"), out);
    }

    private static String probe(Map<String, String> env) throws Exception {
        Map<String, String> cleared = new HashMap<>();
        for (String k : List.of("OPENBLAS_THREAD_TIMEOUT", "MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_",
                "MALLOC_TOP_PAD_", "LMLAB_NATIVE_TUNING")) {
            cleared.put(k, null);
        }
        cleared.putAll(env);
        return ChildJvm.run(NativeTuningProbe.class, List.of(), cleared);
    }
}
