package org.lmlab.data;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.lmlab.config.BadInputException;

/** Reading and atomically writing the JSON files tokenizers are saved as, with one-line errors naming the file. */
final class TokenizerJson {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TokenizerJson() {
    }

    /** Parses {@code file}; a missing, unreadable or non-JSON file becomes a BadInputException naming it. */
    static JsonNode read(Path file) {
        try {
            JsonNode root = MAPPER.readTree(file.toFile());
            if (root == null || root.isMissingNode()) {
                throw new BadInputException("tokenizer file " + file + " is empty; expected a JSON tokenizer");
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new BadInputException("tokenizer file " + file + " is not valid JSON" + where + ": "
                    + firstLine(e.getOriginalMessage()), e);
        } catch (IOException e) {
            if (!Files.exists(file) || e instanceof NoSuchFileException) {
                throw new BadInputException("tokenizer file " + file + " does not exist", e);
            }
            throw new BadInputException("cannot read tokenizer file " + file + ": " + AtomicFile.describe(e), e);
        }
    }

    /** Writes {@code root} pretty-printed as UTF-8 JSON, atomically. */
    static void write(Path file, JsonNode root) {
        AtomicFile.write(file, "tokenizer", temp -> {
            try (OutputStream out = Files.newOutputStream(temp)) {
                MAPPER.writeValue(out, root);
            }
        });
    }

    /** "keys: a, b, c" for messages about an object that lacks what we wanted. */
    static String keysOf(JsonNode node) {
        if (!node.isObject()) {
            return "a JSON " + typeName(node);
        }
        List<String> keys = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext() && keys.size() < 8; ) {
            keys.add(it.next());
        }
        return keys.isEmpty() ? "an empty object" : "keys: " + String.join(", ", keys);
    }

    /** "object", "array", "string", "number", ... for messages. */
    static String typeName(JsonNode node) {
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    static String firstLine(String message) {
        if (message == null) {
            return "malformed JSON";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
