package org.lmlab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmlab.config.BadInputException;

class MetricsLogTest {
    @TempDir
    Path dir;

    private static List<Long> steps(Path file) throws IOException {
        return MetricsLog.read(file).stream().map(r -> ((Number) r.get("step")).longValue()).toList();
    }

    @Test
    void appendsOneObjectPerLineInInsertionOrder() throws IOException {
        Path f = dir.resolve("metrics.jsonl");
        try (MetricsLog log = MetricsLog.open(f)) {
            log.append(10, "train", Json.row("loss", 3.5, "lr", 1e-3));
            log.append(Json.row("step", 10, "split", "val", "loss", 3.75, "note", "ok"));
        }
        assertEquals("{\"step\":10,\"split\":\"train\",\"loss\":3.5,\"lr\":0.001}\n"
                + "{\"step\":10,\"split\":\"val\",\"loss\":3.75,\"note\":\"ok\"}\n", Files.readString(f));
        List<Map<String, Object>> rows = MetricsLog.read(f);
        assertEquals(List.of("step", "split", "loss", "lr"), List.copyOf(rows.get(0).keySet()));
        assertEquals(3.75, rows.get(1).get("loss"));
        assertEquals(List.of(), MetricsLog.read(dir.resolve("absent.jsonl")));
    }

    @Test
    void truncatedLastLineIsToleratedAndCutBeforeAppending() throws IOException {
        Path f = dir.resolve("metrics.jsonl");
        Files.writeString(f, "{\"step\":1,\"loss\":2.0}\n{\"step\":2,\"loss\":1.9}\n{\"step\":3,\"lo");
        assertEquals(List.of(1L, 2L), steps(f));
        try (MetricsLog log = MetricsLog.open(f)) {
            log.append(3, "train", Map.of("loss", 1.8));
        }
        assertEquals(List.of(1L, 2L, 3L), steps(f));
        assertTrue(Files.readString(f).endsWith("\"loss\":1.8}\n"));
    }

    @Test
    void completeButUnterminatedLastRowIsKept() throws IOException {
        Path f = dir.resolve("metrics.jsonl");
        Files.writeString(f, "{\"step\":1}\n{\"step\":2}");
        assertEquals(List.of(1L, 2L), steps(f));
        try (MetricsLog log = MetricsLog.open(f)) {
            log.append(Json.row("step", 3));
        }
        assertEquals(List.of(1L, 2L, 3L), steps(f));
    }

    @Test
    void corruptMiddleLineNamesFileAndLine() throws IOException {
        Path f = dir.resolve("metrics.jsonl");
        Files.writeString(f, "{\"step\":1}\n{\"step\":2,,}\n{\"step\":3}\n");
        BadInputException e = assertThrows(BadInputException.class, () -> MetricsLog.read(f));
        assertTrue(e.getMessage().startsWith(f + ":2: not a JSON object ("), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void truncateAfterDropsLaterRowsAndKeepsAppending() throws IOException {
        Path f = dir.resolve("metrics.jsonl");
        try (MetricsLog log = MetricsLog.open(f)) {
            for (int s = 10; s <= 50; s += 10) {
                log.append(s, "train", Map.of("loss", 1.0 / s));
            }
            log.append(Json.row("event", "eval-suite-started"));
            Files.writeString(f, "{\"step\":60,\"lo", StandardOpenOption.APPEND);
            assertEquals(2, log.truncateAfter(30), "rows 40 and 50; the torn tail is not a row");
            log.append(40, "train", Map.of("loss", 0.5));
        }
        assertEquals(List.of(Map.of("step", 10, "split", "train", "loss", 0.1)), MetricsLog.read(f).subList(0, 1));
        List<Map<String, Object>> rows = MetricsLog.read(f);
        assertEquals(5, rows.size());
        assertEquals("eval-suite-started", rows.get(3).get("event"));
        assertEquals(40, rows.get(4).get("step"));
    }
}
