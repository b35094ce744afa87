package org.lmlab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvenanceTest {
    @Test
    void collectsNonEmptyFieldsAndWritesValidJson(@TempDir Path dir) throws IOException {
        Provenance p = Provenance.collect(1234L, Map.of("pytorch", "2.10.0", "javacpp", "1.5.13"),
                List.of("train", "--config", "tiny.yaml"));
        for (String s : List.of(p.gitCommit(), p.lmlabVersion(), p.javaVersion(), p.javaVendor(), p.os(),
                p.cpuModel(), p.hostname(), p.timestampUtc())) {
            assertFalse(s == null || s.isBlank(), p.toString());
        }
        assertTrue(p.logicalCores() > 0);
        assertTrue(p.maxHeapBytes() > 0);
        assertEquals(1234L, p.seed());
        Instant.parse(p.timestampUtc());

        Path file = dir.resolve("provenance.json");
        p.writeTo(file);
        Map<String, Object> json = Json.readMap(file);
        assertEquals("2.10.0", ((Map<?, ?>) json.get("libraries")).get("pytorch"));
        assertEquals(List.of("train", "--config", "tiny.yaml"), json.get("command_line"));
        assertEquals(1234, json.get("seed"));
        assertTrue(json.containsKey("git_commit") && json.containsKey("git_dirty"), json.toString());
        assertEquals(p, Provenance.read(file));
    }
}
