package org.lmlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmlab.config.BadInputException;

class ByteTokenizerTest {
    private final ByteTokenizer tok = new ByteTokenizer();

    @Test
    void idsAreUtf8Bytes() {
        assertArrayEquals(new int[] {65, 195, 169}, tok.encode("Aé"));
        assertEquals(256, tok.vocabSize());
        assertEquals("byte", tok.kind());
    }

    @Test
    void roundTripsNonAsciiAndEmoji() {
        String text = "naïve café — 日本語 🙂👍🏽 \u0000\n\t";
        assertEquals(text, tok.decode(tok.encode(text)));
        assertEquals(0, tok.encode("").length);
    }

    @Test
    void decodeReplacesInvalidUtf8() {
        int[] halfEmoji = {0xF0, 0x9F, 'a'};
        assertTrue(tok.decode(halfEmoji).contains("\uFFFD"));
        assertTrue(tok.decode(halfEmoji).endsWith("a"));
    }

    @Test
    void decodeRejectsOutOfRangeIds() {
        var e = assertThrows(BadInputException.class, () -> tok.decode(new int[] {1, 256}));
        assertTrue(e.getMessage().contains("256"), e.getMessage());
    }

    @Test
    void savesAndLoads(@TempDir Path dir) {
        Path file = dir.resolve("sub/tok.json");
        tok.save(file);
        Tokenizer back = Tokenizer.load(file);
        assertInstanceOf(ByteTokenizer.class, back);
        assertArrayEquals(tok.encode("héllo"), back.encode("héllo"));
    }
}
