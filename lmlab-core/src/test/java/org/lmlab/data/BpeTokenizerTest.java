package org.lmlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmlab.config.BadInputException;

class BpeTokenizerTest {
    private static BpeTokenizer trained;

    @TempDir
    Path dir;

    @BeforeAll
    static void train() {
        trained = BpeTrainer.train(TestTexts.documents(400, 1), 450);
    }

    @Test
    void roundTripsUnseenUnicodeText() {
        String text = "Ünïcødé 🙂👍🏽 text, with NEW words;\ttabs\r\nand  double   spaces 123456 — «quotes» ";
        int[] ids = trained.encode(text);
        assertEquals(text, trained.decode(ids));
        assertTrue(ids.length < text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        assertEquals(0, trained.encode("").length);
    }

    @Test
    void compressesTrainingLikeText() {
        String text = TestTexts.documents(1, 99).get(0);
        assertTrue(trained.encode(text).length * 2 < text.length(), "BPE should at least halve the ids");
    }

    @Test
    void savedFileReloadsWithIdenticalEncodings() {
        Path file = dir.resolve("tokenizer.json");
        trained.save(file);
        BpeTokenizer direct = BpeTokenizer.load(file);
        Tokenizer detected = Tokenizer.load(file);
        assertInstanceOf(BpeTokenizer.class, detected);
        assertEquals("bpe", detected.kind());
        assertEquals(trained.vocabSize(), direct.vocabSize());
        for (String doc : TestTexts.documents(50, 5)) {
            assertArrayEquals(trained.encode(doc), direct.encode(doc));
            assertArrayEquals(trained.encode(doc), detected.encode(doc));
        }
    }

    @Test
    void savedFileHasHuggingFaceLayout() throws Exception {
        Path file = dir.resolve("tokenizer.json");
        trained.save(file);
        JsonNode root = TokenizerJson.MAPPER.readTree(file.toFile());
        assertEquals("1.0", root.path("version").asText());
        assertTrue(root.path("added_tokens").isArray() && root.path("added_tokens").isEmpty());
        assertTrue(root.path("normalizer").isNull());
        assertEquals("ByteLevel", root.path("pre_tokenizer").path("type").asText());
        assertEquals(false, root.path("pre_tokenizer").path("add_prefix_space").asBoolean(true));
        assertEquals("ByteLevel", root.path("decoder").path("type").asText());
        JsonNode model = root.path("model");
        assertEquals("BPE", model.path("type").asText());
        assertEquals(450, trained.vocabSize());
        assertEquals(450, model.path("vocab").size());
        assertEquals(0, model.path("vocab").path("\u0100").asInt(-1), "byte 0 is the token Ā with id 0");
        assertEquals(32, model.path("vocab").path("Ġ").asInt(-1), "the space byte is the token Ġ with id 32");
        assertEquals(trained.mergeCount(), model.path("merges").size());
        String first = model.path("merges").get(0).asText();
        assertEquals(String.join(" ", trained.merge(0)), first);
        assertEquals(trained.id(trained.merge(0)[0] + trained.merge(0)[1]),
                model.path("vocab").path(first.replace(" ", "")).asInt());
    }

    @Test
    void loadsGpt2StyleFileWithArrayMerges() throws Exception {
        BpeTokenizer tok = BpeTokenizer.load(resource());
        assertEquals(14, tok.vocabSize());
        assertArrayEquals(new int[] {9, 10, 0}, tok.encode("hello hello!"));
        assertArrayEquals(new int[] {11, 13}, tok.encode("é"));
        assertEquals("hello<|endoftext|>", tok.decode(new int[] {9, 12}));
        assertEquals("hello hello!", tok.decode(tok.encode("hello hello!")));
        var e = assertThrows(BadInputException.class, () -> tok.encode("x"));
        assertTrue(e.getMessage().contains("0x78"), e.getMessage());
    }

    @Test
    void loadsStringMergesAndPrefixSpaceAndWritesBackAddedTokens() throws Exception {
        ObjectNode root = (ObjectNode) TokenizerJson.MAPPER.readTree(resource().toFile());
        ArrayNode merges = (ArrayNode) root.path("model").path("merges");
        for (int i = 0; i < merges.size(); i++) {
            merges.set(i, merges.get(i).get(0).asText() + " " + merges.get(i).get(1).asText());
        }
        ((ObjectNode) root.path("pre_tokenizer")).put("add_prefix_space", true);
        Path file = dir.resolve("strings.json");
        TokenizerJson.MAPPER.writeValue(file.toFile(), root);
        BpeTokenizer tok = BpeTokenizer.load(file);
        assertArrayEquals(new int[] {10, 10}, tok.encode("hello hello"), "a space is put in front, as in HF");
        Path again = dir.resolve("again.json");
        tok.save(again);
        JsonNode saved = TokenizerJson.MAPPER.readTree(again.toFile());
        assertEquals("<|endoftext|>", saved.path("added_tokens").get(0).path("content").asText());
        assertTrue(saved.path("pre_tokenizer").path("add_prefix_space").asBoolean());
        assertArrayEquals(new int[] {10, 10}, BpeTokenizer.load(again).encode("hello hello"));
    }

    @Test
    void rejectsOtherModelTypes() throws Exception {
        Path file = write("wordpiece.json", "{\"version\":\"1.0\",\"model\":{\"type\":\"WordPiece\",\"vocab\":{}}}");
        var e = assertThrows(BadInputException.class, () -> Tokenizer.load(file));
        assertOneLineNaming(e, file, "WordPiece");
    }

    @Test
    void rejectsNonBpeTokenizerFiles() {
        Path file = dir.resolve("char.json");
        CharTokenizer.fit("abc").save(file);
        var e = assertThrows(BadInputException.class, () -> BpeTokenizer.load(file));
        assertOneLineNaming(e, file, "no \"model\"");
    }

    @Test
    void rejectsCorruptFiles() throws Exception {
        Path truncated = write("truncated.json", "{\"model\": {\"type\": \"BPE\", \"vocab\": {\"a\": 0,");
        assertOneLineNaming(assertThrows(BadInputException.class, () -> Tokenizer.load(truncated)), truncated,
                "not valid JSON");
        Path binary = dir.resolve("shard.bin");
        TokenShardWriter.write(binary, new int[] {1, 2, 3});
        assertOneLineNaming(assertThrows(BadInputException.class, () -> Tokenizer.load(binary)), binary, "JSON");
        Path unknown = write("other.json", "{\"name\": \"not a tokenizer\"}");
        assertOneLineNaming(assertThrows(BadInputException.class, () -> Tokenizer.load(unknown)), unknown, "name");
        Path missing = dir.resolve("missing.json");
        assertOneLineNaming(assertThrows(BadInputException.class, () -> Tokenizer.load(missing)), missing,
                "does not exist");
    }

    @Test
    void rejectsInconsistentVocabulary() throws Exception {
        Path badMerge = write("bad-merge.json", "{\"model\":{\"type\":\"BPE\",\"vocab\":{\"a\":0,\"b\":1},"
                + "\"merges\":[\"a b\"]},\"pre_tokenizer\":{\"type\":\"ByteLevel\"}}");
        assertOneLineNaming(assertThrows(BadInputException.class, () -> Tokenizer.load(badMerge)), badMerge,
                "merges[0]");
        Path metaspace = write("metaspace.json", "{\"model\":{\"type\":\"BPE\",\"vocab\":{\"a\":0},\"merges\":[]},"
                + "\"pre_tokenizer\":{\"type\":\"Metaspace\"}}");
        assertOneLineNaming(assertThrows(BadInputException.class, () -> Tokenizer.load(metaspace)), metaspace,
                "Metaspace");
    }

    @Test
    void decodeRejectsUnknownIds() {
        assertThrows(BadInputException.class, () -> trained.decode(new int[] {trained.vocabSize()}));
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }

    private static Path resource() throws Exception {
        return Path.of(BpeTokenizerTest.class.getResource("/data/gpt2-style-tokenizer.json").toURI());
    }

    static void assertOneLineNaming(BadInputException e, Path file, String... parts) {
        String m = e.getMessage();
        assertTrue(m.contains(file.toString()), "names the file: " + m);
        assertTrue(!m.contains("\n"), "one line: " + m);
        for (String part : List.of(parts)) {
            assertTrue(m.contains(part), "mentions " + part + ": " + m);
        }
    }
}
