package org.lmlab.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** Conversions between config records and Jackson trees, and the small tree utilities the loader needs. */
final class ConfigTrees {
    private ConfigTrees() {}

    /**
     * The tree of {@code r} holding exactly its record components: extra bean-style getters a record may grow
     * ({@code getHeadDim()}) are derived values, and leaving them in would fail strict binding on the way back.
     */
    static ObjectNode toTree(Record r) {
        JsonNode tree = ConfigMapper.YAML.valueToTree(r);
        prune(tree, ConfigType.of(r.getClass()));
        return (ObjectNode) tree;
    }

    private static void prune(JsonNode node, ConfigType type) {
        if (node == null || type == null) {
            return;
        }
        switch (type.kind()) {
            case SECTION -> {
                if (node instanceof ObjectNode obj) {
                    Map<String, ?> keys = type.keys();
                    List<String> extra = new ArrayList<>();
                    obj.properties().forEach(e -> {
                        if (keys.containsKey(e.getKey())) {
                            prune(e.getValue(), type.child(e.getKey()));
                        } else {
                            extra.add(e.getKey());
                        }
                    });
                    obj.remove(extra);
                }
            }
            case LIST -> node.forEach(e -> prune(e, type.element()));
            case MAP -> node.forEach(v -> prune(v, type.child("")));
            default -> { }
        }
    }

    /** The record's {@code public static T defaults()}, or null when it has none. */
    static Record defaultsOrNull(Class<?> type) {
        Method m;
        try {
            m = type.getMethod("defaults");
        } catch (NoSuchMethodException e) {
            return null;
        }
        if (!Modifier.isStatic(m.getModifiers()) || m.getReturnType() != type) {
            return null;
        }
        // A public method of a non-public record (common for records nested in tests or other classes).
        m.trySetAccessible();
        try {
            return (Record) m.invoke(null);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(type.getSimpleName() + ".defaults() failed: " + e.getCause(), e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(type.getSimpleName() + ".defaults() is not accessible", e);
        }
    }

    /**
     * What a mapping is merged onto when there is no existing value: the section's own defaults if it has them,
     * otherwise nothing (and every key must then be given).
     */
    static ObjectNode baseFor(ConfigType type) {
        if (type.kind() == ConfigType.Kind.SECTION) {
            Record d = defaultsOrNull(type.raw());
            if (d != null) {
                return toTree(d);
            }
        }
        return JsonNodeFactory.instance.objectNode();
    }

    /** A value in YAML flow form for messages and docs: {@code 'abc'}, {@code 3}, {@code [1, 2]}, {@code null}. */
    static String flow(JsonNode node, boolean quoteStrings) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "null";
        }
        if (node.isTextual()) {
            return quoteStrings || node.asText().isEmpty() ? "'" + node.asText() + "'" : node.asText();
        }
        if (node instanceof ArrayNode arr) {
            StringJoiner j = new StringJoiner(", ", "[", "]");
            arr.forEach(e -> j.add(flow(e, quoteStrings)));
            return j.toString();
        }
        if (node instanceof ObjectNode obj) {
            StringJoiner j = new StringJoiner(", ", "{", "}");
            obj.properties().forEach(e -> j.add(e.getKey() + ": " + flow(e.getValue(), quoteStrings)));
            return j.toString();
        }
        return node.asText();
    }

    /** Follows {@code path} segments ("a", "b", 2) down a tree; null when any step is missing. */
    static JsonNode at(JsonNode root, Iterable<Object> segments) {
        JsonNode node = root;
        for (Object s : segments) {
            if (node == null) {
                return null;
            }
            node = s instanceof Integer i ? node.get(i) : node.get((String) s);
        }
        return node;
    }
}
