package org.lmlab.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * A parsed YAML document plus the line of every key in it. Jackson trees forget where values came from, so a
 * second, streaming pass over the text records line numbers; it also rejects duplicate keys, which YAML
 * parsers otherwise resolve silently by keeping the last one.
 *
 * @param tree  the document; an empty document is {@code MissingNode}
 * @param lines key path ({@code model.d_model}, {@code layers[1]}) → 1-based line
 */
record YamlSource(JsonNode tree, Map<String, Integer> lines) {

    static YamlSource parse(String text, String sourceName) {
        // The scan runs first: it reports syntax errors and duplicate keys with their lines.
        Map<String, Integer> lines = scanLines(text, sourceName);
        try {
            return new YamlSource(ConfigMapper.YAML.readTree(text), lines);
        } catch (JsonProcessingException e) {
            throw syntaxError(sourceName, e);
        }
    }

    /** {@code config.yaml:LINE: reason} for a YAML the parser rejected. */
    static BadInputException syntaxError(String sourceName, JsonProcessingException e) {
        int line = -1;
        String reason;
        if (e.getCause() instanceof MarkedYAMLException m && m.getProblemMark() != null) {
            // SnakeYAML's own mark points at the problem; Jackson's location sometimes points at the context.
            line = m.getProblemMark().getLine() + 1;
            reason = m.getProblem();
        } else {
            JsonLocation loc = e.getLocation();
            line = loc == null ? -1 : loc.getLineNr();
            reason = e.getOriginalMessage();
        }
        return new BadInputException(sourceName + (line > 0 ? ":" + line : "") + ": " + oneLine(reason), e);
    }

    private static Map<String, Integer> scanLines(String text, String sourceName) {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser p = ConfigMapper.YAML.createParser(text)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                int line = p.currentTokenLocation().getLineNr();
                JsonStreamContext ctx = p.getParsingContext();
                // A token that opens a container already sits in its own new context; its position is the parent's.
                JsonStreamContext at = t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY ? ctx.getParent() : ctx;
                if (t == JsonToken.FIELD_NAME) {
                    String path = pathOf(ctx);
                    Integer first = lines.putIfAbsent(path, line);
                    if (first != null) {
                        throw new BadInputException(sourceName + ":" + line + ": duplicate key '" + path
                                + "' (first set on line " + first + ")");
                    }
                } else if (at != null && at.inArray() && t != JsonToken.END_ARRAY && t != JsonToken.END_OBJECT) {
                    lines.putIfAbsent(pathOf(at), line);
                }
            }
        } catch (JsonProcessingException e) {
            throw syntaxError(sourceName, e);
        } catch (IOException e) {
            throw new BadInputException(sourceName + ": cannot read (" + e.getMessage() + ")", e);
        }
        return lines;
    }

    /** The key path of the current position: the field name in an object, the element index in an array. */
    private static String pathOf(JsonStreamContext ctx) {
        if (ctx == null || ctx.inRoot()) {
            return "";
        }
        String parent = pathOf(ctx.getParent());
        if (ctx.inArray()) {
            return KeyPath.index(parent, ctx.getCurrentIndex());
        }
        return KeyPath.key(parent, String.valueOf(ctx.getCurrentName()));
    }

    /** First line of a parser message, trimmed — the rest is a snippet we replace with the line number. */
    static String oneLine(String message) {
        if (message == null || message.isBlank()) {
            return "syntax error";
        }
        String first = message.strip().lines().findFirst().orElse("syntax error").strip();
        return first.length() > 200 ? first.substring(0, 200) + "…" : first;
    }
}
