package org.lmlab.run;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.lmlab.config.BadInputException;

/**
 * The JSON conventions of run files in one place: snake_case keys for records, maps in insertion order, pretty
 * files written atomically, and unreadable files reported as one-line {@link BadInputException}s naming the file.
 * Unknown keys are ignored when reading records, so files written by a newer version stay readable.
 */
public final class Json {
    private Json() {}

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

    /** The shared, thread-safe mapper. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Compact single-line JSON, as used for one row of a JSONL file. */
    public static String toLine(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** Indented JSON with a trailing newline, for files people read. */
    public static String toPrettyString(Object value) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** Writes {@code value} as pretty JSON via {@link AtomicFiles}. */
    public static void writePretty(Path file, Object value) throws IOException {
        AtomicFiles.writeString(file, toPrettyString(value));
    }

    /** Parses one JSON object from text; {@code where} prefixes the error message (e.g. {@code metrics.jsonl:7}). */
    public static LinkedHashMap<String, Object> parseObject(String text, String where) {
        try {
            LinkedHashMap<String, Object> map = MAPPER.readValue(text, MAP);
            if (map == null) {
                throw new BadInputException(where + ": expected a JSON object, got null");
            }
            return map;
        } catch (JsonProcessingException e) {
            throw new BadInputException(where + ": not a JSON object (" + shortReason(e) + ")", e);
        }
    }

    /** Reads a JSON object file into an insertion-ordered map. */
    public static LinkedHashMap<String, Object> readMap(Path file) throws IOException {
        return parseObject(readText(file), file.toString());
    }

    /** Reads a JSON file into {@code type} (records use snake_case keys). */
    public static <T> T read(Path file, Class<T> type) throws IOException {
        try {
            return MAPPER.readValue(readText(file), type);
        } catch (JsonProcessingException e) {
            String line = e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr();
            throw new BadInputException(file + line + ": cannot read as " + type.getSimpleName() + " ("
                    + shortReason(e) + ")", e);
        }
    }

    /** The first line of Jackson's message, without the source-location trailer. */
    static String shortReason(JsonProcessingException e) {
        String m = e.getOriginalMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        String first = m.strip().lines().findFirst().orElse(m).strip();
        return first.length() > 160 ? first.substring(0, 160) + "…" : first;
    }

    private static String readText(Path file) throws IOException {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": no such file", e);
        } catch (CharacterCodingException e) {
            throw new BadInputException(file + ": not UTF-8 text", e);
        }
    }

    /** Convenience for callers building rows: an insertion-ordered map of alternating keys and values. */
    public static Map<String, Object> row(Object... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("row(...) takes key, value pairs");
        }
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            row.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return row;
    }
}
