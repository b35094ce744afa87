package org.lmlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmlab.config.BadInputException;

class JdkSourceCorpusTest {
    @Test
    void readsJavaFilesWithinBudgetDeterministically(@TempDir Path dir) throws Exception {
        Path zip = dir.resolve("src.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (int i = 0; i < 20; i++) {
                out.putNextEntry(new ZipEntry("mod/p/C" + i + ".java"));
                out.write(("class C" + i + " {}\n").getBytes(StandardCharsets.UTF_8));
            }
            out.putNextEntry(new ZipEntry("mod/p/notes.html"));
            out.write("<p>not java</p>".getBytes(StandardCharsets.UTF_8));
        }
        List<String> all = JdkSourceCorpus.read(zip, Long.MAX_VALUE);
        assertEquals(20, all.size());
        assertTrue(all.stream().allMatch(s -> s.startsWith("class C")));
        List<String> some = JdkSourceCorpus.read(zip, 50);
        assertTrue(some.stream().mapToInt(s -> s.length()).sum() <= 50);
        assertEquals(some, JdkSourceCorpus.read(zip, 50));
        assertEquals(some, all.subList(0, some.size()), "a smaller budget takes a prefix of the same order");
    }

    @Test
    void readsTheRunningJdk() {
        assumeTrue(Files.isRegularFile(JdkSourceCorpus.defaultZip()), "this JDK ships no lib/src.zip");
        List<String> docs = JdkSourceCorpus.read(200_000);
        assertTrue(docs.size() > 3);
        assertTrue(docs.stream().mapToLong(s -> s.getBytes(StandardCharsets.UTF_8).length).sum() <= 200_000);
    }

    @Test
    void missingZipIsReported(@TempDir Path dir) {
        Path zip = dir.resolve("src.zip");
        var e = assertThrows(BadInputException.class, () -> JdkSourceCorpus.read(zip, 10));
        assertTrue(e.getMessage().contains(zip.toString()), e.getMessage());
    }
}
