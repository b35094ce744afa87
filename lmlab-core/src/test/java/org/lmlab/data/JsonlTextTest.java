package org.lmlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.lmlab.data.BpeTokenizerTest.assertOneLineNaming;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmlab.config.BadInputException;

class JsonlTextTest {
    @TempDir
    Path dir;

    @Test
    void readsTextFieldSkippingBlankLinesAndIsReiterable() throws Exception {
        Path file = Files.writeString(dir.resolve("docs.jsonl"),
                "\uFEFF{\"text\": \"first\\nline\", \"id\": 1}\n\n{\"id\": 2, \"text\": \"héllo 🙂\"}\n");
        Iterable<String> docs = JsonlText.read(file);
        assertEquals(List.of("first\nline", "héllo 🙂"), list(docs));
        assertEquals(List.of("first\nline", "héllo 🙂"), list(docs));
    }

    @Test
    void readsAnotherField() throws Exception {
        Path file = Files.writeString(dir.resolve("c.jsonl"), "{\"content\": \"x\"}\n{\"content\": \"y\"}");
        assertEquals(List.of("x", "y"), list(JsonlText.read(file, "content")));
    }

    @Test
    void malformedLineIsReportedAsFileColonLine() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.jsonl"), "{\"text\": \"ok\"}\n{\"text\": \"oops}\n");
        var e = assertThrows(BadInputException.class, () -> list(JsonlText.read(file)));
        assertOneLineNaming(e, file, file + ":2: invalid JSON");
    }

    @Test
    void missingOrWrongFieldIsReported() throws Exception {
        Path missing = Files.writeString(dir.resolve("m.jsonl"), "{\"text\": \"a\"}\n{\"body\": \"b\"}\n");
        assertOneLineNaming(assertThrows(BadInputException.class, () -> list(JsonlText.read(missing))), missing,
                ":2: no \"text\" field (keys: body)");
        Path number = Files.writeString(dir.resolve("n.jsonl"), "{\"text\": 5}\n");
        assertOneLineNaming(assertThrows(BadInputException.class, () -> list(JsonlText.read(number))), number,
                ":1: field \"text\" is a number");
        Path array = Files.writeString(dir.resolve("a.jsonl"), "[\"text\"]\n");
        assertOneLineNaming(assertThrows(BadInputException.class, () -> list(JsonlText.read(array))), array,
                ":1: expected a JSON object");
    }

    @Test
    void invalidUtf8IsReported() throws Exception {
        Path file = Files.write(dir.resolve("latin1.jsonl"), new byte[] {'{', '"', 't', 'e', 'x', 't', '"', ':',
            '"', (byte) 0xE9, '"', '}', '\n'});
        assertOneLineNaming(assertThrows(BadInputException.class, () -> list(JsonlText.read(file))), file,
                "not valid UTF-8");
    }

    @Test
    void missingFileIsReported() {
        Path file = dir.resolve("nope.jsonl");
        assertOneLineNaming(assertThrows(BadInputException.class, () -> list(JsonlText.read(file))), file,
                "does not exist");
    }

    static List<String> list(Iterable<String> docs) {
        List<String> out = new ArrayList<>();
        docs.forEach(out::add);
        return out;
    }
}
