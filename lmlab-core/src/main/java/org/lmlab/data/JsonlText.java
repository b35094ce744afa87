package org.lmlab.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import org.lmlab.config.BadInputException;

/**
 * Documents from a JSON Lines file: UTF-8, one JSON object per line, the document text a string under a field
 * ({@value #DEFAULT_FIELD} unless told otherwise), as in most published pre-training dumps:
 *
 * <pre>
 * {"text": "First document.\nStill the first.", "id": 1}
 * {"text": "Second document."}
 * </pre>
 *
 * Blank lines are skipped; other fields are ignored. Any other line (bad JSON, not an object, field missing or not
 * a string, invalid UTF-8) stops reading with a BadInputException of the form {@code file.jsonl:LINE: problem}.
 *
 * <p>The file is streamed a line at a time, never loaded whole, and the returned {@link Iterable} can be iterated
 * again (it re-reads the file), which is what a tokenizer trainer followed by a shard writer needs. The file is
 * closed when an iteration reaches the end or fails.
 */
public final class JsonlText {
    /** The field read unless another is named. */
    public static final String DEFAULT_FIELD = "text";

    private JsonlText() {
    }

    /** The documents of {@code file} under {@value #DEFAULT_FIELD}. */
    public static Iterable<String> read(Path file) {
        return read(file, DEFAULT_FIELD);
    }

    /** The documents of {@code file} under {@code field}. */
    public static Iterable<String> read(Path file, String field) {
        return () -> new Lines(file, field);
    }

    private static final class Lines implements Iterator<String> {
        private final Path file;
        private final String field;
        private BufferedReader reader;
        private long lineNo;
        private String next;
        private boolean finished;

        Lines(Path file, String field) {
            this.file = file;
            this.field = field;
            try {
                reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new BadInputException("JSONL file " + file + " does not exist", e);
            } catch (IOException e) {
                throw new BadInputException("cannot read JSONL file " + file + ": " + AtomicFile.describe(e), e);
            }
        }

        @Override
        public boolean hasNext() {
            if (next == null && !finished) {
                next = advance();
            }
            return next != null;
        }

        @Override
        public String next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            String out = next;
            next = null;
            return out;
        }

        private String advance() {
            try {
                String line;
                while ((line = reader.readLine()) != null) {
                    lineNo++;
                    if (lineNo == 1 && line.startsWith("\uFEFF")) {
                        line = line.substring(1); // Windows editors add a byte order mark, which JSON forbids
                    }
                    if (!line.isBlank()) {
                        return textOf(line);
                    }
                }
                close();
                return null;
            } catch (CharacterCodingException e) {
                throw fail("not valid UTF-8 text", e);
            } catch (IOException e) {
                throw fail("read failed: " + AtomicFile.describe(e), e);
            }
        }

        private String textOf(String line) {
            JsonNode node;
            try {
                node = TokenizerJson.MAPPER.readTree(line);
            } catch (JsonProcessingException e) {
                JsonLocation at = e.getLocation();
                String column = at == null || at.getColumnNr() < 1 ? "" : " at column " + at.getColumnNr();
                throw fail("invalid JSON" + column + ": " + TokenizerJson.firstLine(e.getOriginalMessage()), e);
            }
            if (!node.isObject()) {
                throw fail("expected a JSON object with a \"" + field + "\" string, found a JSON "
                        + TokenizerJson.typeName(node), null);
            }
            JsonNode text = node.get(field);
            if (text == null) {
                throw fail("no \"" + field + "\" field (" + TokenizerJson.keysOf(node) + ")", null);
            }
            if (!text.isTextual()) {
                throw fail("field \"" + field + "\" is a " + TokenizerJson.typeName(text)
                        + ", expected a string", null);
            }
            return text.asText();
        }

        private BadInputException fail(String problem, Exception cause) {
            close();
            return new BadInputException(file + ":" + lineNo + ": " + problem, cause);
        }

        private void close() {
            finished = true;
            try {
                reader.close();
            } catch (IOException ignored) {
                // Read-only file; nothing was lost by a failing close.
            }
        }
    }
}
