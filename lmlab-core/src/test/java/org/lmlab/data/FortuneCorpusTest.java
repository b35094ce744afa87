package org.lmlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmlab.config.BadInputException;

class FortuneCorpusTest {
    @TempDir
    Path dir;

    @Test
    void readsCategoriesInNameOrderSkippingIndexesVariantsAndOffensive() throws Exception {
        Files.writeString(dir.resolve("zen"), "Z one\n%\nZ two,\n  indented\n%\n");
        Files.write(dir.resolve("zen.dat"), new byte[] {0, 0, 0, 2, (byte) 0xFF});
        Files.createSymbolicLink(dir.resolve("zen.u8"), Path.of("zen"));
        Files.writeString(dir.resolve("art"), "A one\n%\n\n%\nA two\n");
        // A distinct UTF-8 variant wins over its Latin-1 original.
        Files.write(dir.resolve("latin"), "caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        Files.writeString(dir.resolve("latin.u8"), "café (utf-8)\n");
        Files.write(dir.resolve("old"), "na\u00efve\n".getBytes(StandardCharsets.ISO_8859_1));
        Files.createDirectories(dir.resolve("off"));
        Files.writeString(dir.resolve("off/rude"), "Ehqr\n%\n");
        Files.createSymbolicLink(dir.resolve("sneaky"), dir.resolve("off/rude"));

        List<String> fortunes = FortuneCorpus.read(dir);
        assertEquals(List.of("A one", "A two", "café (utf-8)", "naïve", "Z one", "Z two,\n  indented"), fortunes);
    }

    @Test
    void overstrikeIsFlattened() {
        assertEquals("I and friends and BOLD", FortuneCorpus.flattenOverstrike(
                "_\bI and *_______\b\b\b\b\b\b\bfriends and B\bBO\bOL\bLD\bD".replace("*", "")));
        assertEquals(List.of("x"), FortuneCorpus.parse("x\r\n%\r\n"));
    }

    @Test
    void missingOrEmptyDirectoryIsReported() throws Exception {
        var missing = assertThrows(BadInputException.class, () -> FortuneCorpus.read(dir.resolve("none")));
        assertTrue(missing.getMessage().contains("none") && missing.getMessage().contains("apt-get install fortunes"));
        Files.writeString(dir.resolve("only.dat"), "x");
        var empty = assertThrows(BadInputException.class, () -> FortuneCorpus.read(dir));
        assertTrue(empty.getMessage().contains("no fortune files"), empty.getMessage());
    }
}
