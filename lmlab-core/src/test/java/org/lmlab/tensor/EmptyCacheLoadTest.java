package org.lmlab.tensor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first load with an empty JavaCPP cache must work even where Debian's libtorch 1.13 is installed (the
 * crash {@link Torch#init()} prevents). Runs a fresh JVM with a brand-new cache directory.
 */
class EmptyCacheLoadTest {
    @TempDir
    Path cache;

    @Test
    void firstLoadIntoAnEmptyCacheWorks() throws Exception {
        String out = ChildJvm.run(NativeLoadProbe.class, List.of("-Dorg.bytedeco.javacpp.cachedir=" + cache), Map.of());
        assertTrue(out.contains("ok 4.0"), out);
    }
}
