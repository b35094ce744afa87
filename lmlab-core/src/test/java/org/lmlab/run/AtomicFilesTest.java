package org.lmlab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    private List<String> names(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writeReplacesContentAndLeavesNoTempFiles() throws IOException {
        Path f = dir.resolve("sub/summary.json");
        AtomicFiles.writeString(f, "first");
        AtomicFiles.write(f, "second".getBytes(StandardCharsets.UTF_8));
        assertEquals("second", Files.readString(f));
        AtomicFiles.write(f, out -> {
            // A writer may wrap and close the stream; the file must still be complete.
            try (Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
                w.write("third");
            }
        });
        assertEquals("third", Files.readString(f));
        assertEquals(List.of("summary.json"), names(f.getParent()));
    }

    @Test
    void failedWriteKeepsOldContentAndCleansUp() throws IOException {
        Path f = dir.resolve("config.yaml");
        AtomicFiles.writeString(f, "old");
        assertThrows(IOException.class, () -> AtomicFiles.write(f, out -> {
            out.write("partial".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }));
        assertEquals("old", Files.readString(f));
        assertEquals(List.of("config.yaml"), names(dir));
    }

    @Test
    void publishDirectoryCreatesAndReplaces() throws IOException {
        Path target = dir.resolve("checkpoints/step-000100");
        Path tmp1 = AtomicFiles.newTempDir(target);
        assertEquals(target.getParent(), tmp1.getParent());
        assertTrue(AtomicFiles.isTempName(tmp1.getFileName().toString()));
        Files.writeString(tmp1.resolve("a.txt"), "one");
        AtomicFiles.publishDirectory(tmp1, target);
        assertEquals("one", Files.readString(target.resolve("a.txt")));

        Path tmp2 = AtomicFiles.newTempDir(target);
        Files.createDirectories(tmp2.resolve("nested"));
        Files.writeString(tmp2.resolve("nested/b.txt"), "two");
        AtomicFiles.publishDirectory(tmp2, target);
        assertFalse(Files.exists(target.resolve("a.txt")));
        assertEquals("two", Files.readString(target.resolve("nested/b.txt")));
        assertEquals(List.of("step-000100"), names(target.getParent()));
    }

    @Test
    void deleteRecursivelyRemovesTreesAndIgnoresMissing() throws IOException {
        Path d = dir.resolve("x/y");
        Files.createDirectories(d);
        Files.writeString(d.resolve("f"), "1");
        AtomicFiles.deleteRecursively(dir.resolve("x"));
        assertFalse(Files.exists(dir.resolve("x")));
        AtomicFiles.deleteRecursively(dir.resolve("x"));
    }
}
