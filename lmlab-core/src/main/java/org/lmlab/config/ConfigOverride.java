package org.lmlab.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One command-line override, {@code model.d_model=256}: a dotted key path and a value read as a YAML flow
 * scalar or collection, so {@code true}, {@code 3e-3}, {@code [1,2]}, {@code {a: 1}} and {@code null} mean what
 * they would in the file. A value YAML cannot parse is kept as a plain string unless it is clearly meant as a
 * list or mapping, which saves quoting paths and names on the shell.
 *
 * @param text the override as the user typed it
 * @param keys the key path split on dots
 * @param value the parsed value
 */
record ConfigOverride(String text, List<String> keys, JsonNode value) {

    static ConfigOverride parse(String text) {
        int eq = text.indexOf('=');
        if (eq < 0) {
            throw new BadInputException("override '" + text + "': expected key=value, e.g. model.d_model=256");
        }
        String key = text.substring(0, eq).strip();
        List<String> keys = List.of(key.split("\\.", -1));
        if (key.isEmpty() || keys.stream().anyMatch(String::isEmpty)) {
            throw new BadInputException("override '" + text + "': malformed key path '" + key
                    + "' (expected dotted keys, e.g. model.d_model=256)");
        }
        return new ConfigOverride(text, keys, parseValue(text, text.substring(eq + 1)));
    }

    private static JsonNode parseValue(String text, String raw) {
        String v = raw.strip();
        if (v.isEmpty()) {
            return JsonNodeFactory.instance.textNode("");
        }
        try {
            JsonNode node = ConfigMapper.YAML.readTree(v);
            return node == null || node.isMissingNode() ? JsonNodeFactory.instance.textNode(v) : node;
        } catch (JsonProcessingException e) {
            if (v.startsWith("[") || v.startsWith("{")) {
                throw new BadInputException("override '" + text + "': not a valid YAML value ("
                        + YamlSource.syntaxError("value", e).getMessage().replaceFirst("^value(:\\d+)?: ", "") + ")");
            }
            return JsonNodeFactory.instance.textNode(v);
        }
    }

    /** The key path as written, e.g. {@code model.d_model}. */
    String keyPath() {
        return String.join(".", keys);
    }

    /**
     * Sets this override's value in {@code root}, validating each key against {@code rootType} and merging a
     * mapping value into an existing section the same way a file would.
     */
    void applyTo(ObjectNode root, ConfigType rootType, Origin origin, TreeMerger merger) {
        ObjectNode node = root;
        ConfigType type = rootType;
        String path = "";
        for (int i = 0; i < keys.size(); i++) {
            String key = keys.get(i);
            String childPath = KeyPath.key(path, key);
            ConfigType childType = type.child(key);
            if (childType == null) {
                throw TreeMerger.unknownKey(origin, childPath, type);
            }
            if (i == keys.size() - 1) {
                node.set(key, merger.merge(node.get(key), value, childType, childPath, origin));
                return;
            }
            JsonNode child = node.get(key);
            if (!(child instanceof ObjectNode)) {
                if (childType.kind() != ConfigType.Kind.SECTION && childType.kind() != ConfigType.Kind.MAP) {
                    throw TreeMerger.unknownKey(origin, KeyPath.key(childPath, keys.get(i + 1)), childType);
                }
                // Setting a key inside a section that is currently null brings the section to life with its
                // defaults — the same thing a file mentioning only that key would do.
                child = merger.merge(null, JsonNodeFactory.instance.objectNode(), childType, childPath, origin);
                node.set(key, child);
            }
            node = (ObjectNode) child;
            type = childType;
            path = childPath;
        }
    }
}
