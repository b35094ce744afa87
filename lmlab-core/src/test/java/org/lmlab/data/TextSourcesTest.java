package org.lmlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.lmlab.data.BpeTokenizerTest.assertOneLineNaming;
import static org.lmlab.data.JsonlTextTest.list;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmlab.config.BadInputException;

class TextSourcesTest {
    @TempDir
    Path dir;

    @Test
    void plainFileIsOneDocument() throws Exception {
        Path file = Files.writeString(dir.resolve("a.txt"), "line 1\nline 2 ünï\n");
        assertEquals(List.of("line 1\nline 2 ünï\n"), list(TextSources.read(file)));
    }

    @Test
    void directoryIsWalkedInPathOrderSkippingHiddenFiles() throws Exception {
        Files.createDirectories(dir.resolve("b/sub"));
        Files.createDirectories(dir.resolve(".git"));
        Files.writeString(dir.resolve("b/sub/z.txt"), "bz");
        Files.writeString(dir.resolve("b/a.txt"), "ba");
        Files.writeString(dir.resolve("c.jsonl"), "{\"text\": \"c1\"}\n{\"text\": \"c2\"}\n");
        Files.writeString(dir.resolve("a.md"), "a");
        Files.writeString(dir.resolve(".hidden"), "h");
        Files.writeString(dir.resolve(".git/config"), "g");
        assertEquals(List.of("a", "ba", "bz", "c1", "c2"), list(TextSources.read(dir)));
    }

    @Test
    void nonUtf8FileIsNamedWithOffset() throws Exception {
        Path file = Files.write(dir.resolve("bin.dat"), new byte[] {'o', 'k', (byte) 0xFF, 'x'});
        var e = assertThrows(BadInputException.class, () -> list(TextSources.read(file)));
        assertOneLineNaming(e, file, "offset 2");
    }

    @Test
    void missingPathIsReported() {
        Path file = dir.resolve("nothing");
        assertOneLineNaming(assertThrows(BadInputException.class, () -> TextSources.read(file)), file,
                "does not exist");
    }
}
