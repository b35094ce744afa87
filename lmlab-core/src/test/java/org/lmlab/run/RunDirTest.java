package org.lmlab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmlab.config.BadInputException;

class RunDirTest {
    @TempDir
    Path root;

    private static void fakeCheckpoint(Path dir, boolean complete) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(CheckpointDir.MODEL), "weights");
        if (complete) {
            Files.writeString(dir.resolve(CheckpointDir.STATE), "{}");
        }
    }

    @Test
    void layoutNames() throws IOException {
        RunDir run = RunDir.create(root, "tiny");
        assertEquals(root.resolve("tiny"), run.dir());
        assertTrue(Files.isDirectory(run.dir()));
        assertEquals(run.dir().resolve("config.yaml"), run.configFile());
        assertEquals(run.dir().resolve("provenance.json"), run.provenanceFile());
        assertEquals(run.dir().resolve("metrics.jsonl"), run.metricsFile());
        assertEquals(run.dir().resolve("summary.json"), run.summaryFile());
        assertEquals(run.dir().resolve("report.md"), run.reportFile());
        assertEquals(run.dir().resolve("a/b"), run.resolve("a", "b"));
        assertEquals(run.dir().resolve("checkpoints/step-000042"), run.checkpoint(42).dir());
        assertEquals("step-1234567", RunDir.checkpointName(1_234_567));
        assertEquals(Optional.empty(), run.latestCheckpoint());
    }

    @Test
    void latestCheckpointIgnoresIncompleteAndTempDirs() throws IOException {
        RunDir run = RunDir.create(root, "r");
        Path ck = run.checkpointsDir();
        fakeCheckpoint(ck.resolve("step-000100"), true);
        fakeCheckpoint(ck.resolve("step-000200"), true);
        fakeCheckpoint(ck.resolve("step-000300"), false);
        fakeCheckpoint(ck.resolve(".step-000400.tmp-1f2e"), true);
        fakeCheckpoint(ck.resolve("step-1000000"), false);
        fakeCheckpoint(ck.resolve("notes"), true);
        Files.writeString(ck.resolve("step-000500"), "a file, not a dir");
        assertEquals(List.of(100L, 200L), run.listCheckpoints().stream().map(CheckpointDir::step).toList());
        assertEquals(200L, run.latestCheckpoint().orElseThrow().step());

        fakeCheckpoint(ck.resolve("step-1000000"), true);
        assertEquals(1_000_000L, run.latestCheckpoint().orElseThrow().step());
    }

    @Test
    void createReusesOnlyDirectoriesWithoutCheckpoints() throws IOException {
        RunDir first = RunDir.create(root, "r");
        Files.writeString(first.metricsFile(), "{\"step\":1}\n");
        assertEquals(first, RunDir.create(root, "r"));
        fakeCheckpoint(first.checkpoint(10).dir(), true);
        BadInputException e = assertThrows(BadInputException.class, () -> RunDir.create(root, "r"));
        assertTrue(e.getMessage().contains("step-000010"), e.getMessage());
        assertEquals(first, RunDir.open(first.dir()));
        assertThrows(BadInputException.class, () -> RunDir.create(root, "../escape"));
        assertThrows(BadInputException.class, () -> RunDir.open(root.resolve("missing")));
    }

    @Test
    void writeCheckpointPublishesAtomically() throws IOException {
        RunDir run = RunDir.create(root, "r");
        CheckpointDir c = run.writeCheckpoint(5, tmp -> {
            Files.writeString(tmp.resolve(CheckpointDir.MODEL), "w");
            Files.writeString(tmp.resolve(CheckpointDir.STATE), "{\"step\":5}");
        });
        assertTrue(c.isComplete());
        assertEquals(c, run.latestCheckpoint().orElseThrow());
        assertThrows(IllegalStateException.class,
                () -> run.writeCheckpoint(6, tmp -> Files.writeString(tmp.resolve(CheckpointDir.MODEL), "w")));
        assertEquals(List.of(c), run.listCheckpoints());
        try (var entries = Files.list(run.checkpointsDir())) {
            assertEquals(1, entries.count(), "no temp dirs left behind");
        }
    }

    @Test
    void removeLeftoversDeletesOnlyTempEntries() throws IOException {
        RunDir run = RunDir.create(root, "r");
        fakeCheckpoint(run.checkpoint(1).dir(), true);
        fakeCheckpoint(run.checkpointsDir().resolve(".step-000002.tmp-abc"), false);
        Files.writeString(run.dir().resolve(".summary.json.tmp-123"), "x");
        run.removeLeftovers();
        assertFalse(Files.exists(run.checkpointsDir().resolve(".step-000002.tmp-abc")));
        assertFalse(Files.exists(run.dir().resolve(".summary.json.tmp-123")));
        assertTrue(run.checkpoint(1).isComplete());
    }
}
