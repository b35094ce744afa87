package org.lmlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmlab.config.BadInputException;

class CharTokenizerTest {
    @Test
    void vocabIsSortedDistinctCodePoints() {
        CharTokenizer tok = CharTokenizer.fit("hello");
        assertEquals(4, tok.vocabSize());
        assertArrayEquals(new int[] {1, 0, 2, 2, 3}, tok.encode("hello"));
        assertEquals("e", tok.token(0));
    }

    @Test
    void roundTripsNonAsciiAndEmoji() {
        String text = "Ça va? 日本語 🙂👍🏽 ok\n";
        CharTokenizer tok = CharTokenizer.fit(text);
        int[] ids = tok.encode(text);
        assertEquals(text.codePointCount(0, text.length()), ids.length);
        assertEquals(text, tok.decode(ids));
        // An emoji is one code point, hence one token, although it is two Java chars.
        assertEquals(1, tok.encode("🙂").length);
    }

    @Test
    void unseenCharacterIsNamed() {
        CharTokenizer tok = CharTokenizer.fit("abc");
        var e = assertThrows(BadInputException.class, () -> tok.encode("abz"));
        assertTrue(e.getMessage().contains("'z'") && e.getMessage().contains("U+007A"), e.getMessage());
    }

    @Test
    void emptyTextCannotBeFitted() {
        assertThrows(BadInputException.class, () -> CharTokenizer.fit(""));
    }

    @Test
    void savesAsJsonAndLoads(@TempDir Path dir) throws Exception {
        CharTokenizer tok = CharTokenizer.fit("zebra 🦓\n");
        Path file = dir.resolve("chars.json");
        tok.save(file);
        String json = Files.readString(file);
        assertTrue(json.contains("\"kind\" : \"char\""), json);
        Tokenizer back = Tokenizer.load(file);
        assertEquals(tok, back);
        assertEquals("char", back.kind());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void unsortedVocabFileIsRejected(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"kind\": \"char\", \"vocab\": [\"b\", \"a\"]}");
        var e = assertThrows(BadInputException.class, () -> Tokenizer.load(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("vocab[1]"), e.getMessage());
    }
}
