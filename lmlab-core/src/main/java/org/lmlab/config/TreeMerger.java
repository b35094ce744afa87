package org.lmlab.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Deep-merges a YAML tree onto a config tree while checking every key against the record types, so a typo is
 * caught at the exact path it was made rather than surfacing as Jackson's "unrecognized field" deep inside binding.
 *
 * <p>Sections and maps merge key by key; scalars, lists and nulls replace what was there. List elements that are
 * sections start from that section's {@code defaults()} when it has one.
 */
final class TreeMerger {
    private final Origins origins;

    TreeMerger(Origins origins) {
        this.origins = origins;
    }

    /**
     * Merges {@code incoming} onto {@code base} (which may be null and may be modified in place) and returns the
     * resulting value for {@code path}.
     */
    JsonNode merge(JsonNode base, JsonNode incoming, ConfigType type, String path, Origin origin) {
        boolean mapping = incoming.isObject()
                && (type.kind() == ConfigType.Kind.SECTION || type.kind() == ConfigType.Kind.MAP);
        if (mapping) {
            ObjectNode target;
            if (base instanceof ObjectNode obj) {
                target = obj;
            } else {
                target = ConfigTrees.baseFor(type);
                origins.replaced(path, origin);
            }
            return mergeMapping(target, (ObjectNode) incoming, type, path, origin);
        }
        origins.replaced(path, origin);
        if (incoming instanceof ArrayNode list && type.kind() == ConfigType.Kind.LIST) {
            ConfigType element = type.element();
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            for (int i = 0; i < list.size(); i++) {
                out.add(merge(null, list.get(i), element, KeyPath.index(path, i), origin));
            }
            return out;
        }
        // Scalars (and values of the wrong shape, which binding will reject with a typed message) replace.
        return incoming.deepCopy();
    }

    private ObjectNode mergeMapping(ObjectNode target, ObjectNode incoming, ConfigType type, String path,
                                    Origin origin) {
        for (Map.Entry<String, JsonNode> e : incoming.properties()) {
            String key = e.getKey();
            String childPath = KeyPath.key(path, key);
            ConfigType childType = type.child(key);
            if (childType == null) {
                throw unknownKey(origin, childPath, type);
            }
            target.set(key, merge(target.get(key), e.getValue(), childType, childPath, origin));
        }
        if (type.kind() == ConfigType.Kind.SECTION) {
            List<String> missing = new ArrayList<>();
            type.keys().keySet().forEach(k -> {
                if (!target.has(k)) {
                    missing.add(k);
                }
            });
            if (!missing.isEmpty()) {
                throw new BadInputException(origin.label(path) + ": "
                        + (path.isEmpty() ? "" : path + ": ") + "missing key" + (missing.size() > 1 ? "s " : " ")
                        + String.join(", ", missing) + " (" + type.raw().getSimpleName()
                        + " has no defaults, so every key must be given)");
            }
        }
        return target;
    }

    /** {@code config.yaml:3: unknown key 'model.d_modle' (allowed: d_model, n_heads)}. */
    static BadInputException unknownKey(Origin origin, String path, ConfigType parent) {
        String where = KeyPath.parent(path);
        String allowed = switch (parent.kind()) {
            case SECTION -> "allowed: " + String.join(", ", parent.keys().keySet());
            case LIST -> "'" + where + "' is a list; set it whole, e.g. " + where + "=[...]";
            default -> "'" + where + "' is " + article(parent.typeName()) + ", not a section";
        };
        return new BadInputException(origin.label(path) + ": unknown key '" + path + "' (" + allowed + ")");
    }

    private static String article(String typeName) {
        return ("aeiou".indexOf(typeName.charAt(0)) >= 0 ? "an " : "a ") + typeName;
    }
}
