package org.lmlab.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Walks a config record type and its defaults to produce {@link ConfigDoc} lines for {@link Configs#describe}. */
final class ConfigDescriber {
    private ConfigDescriber() {}

    static List<ConfigDoc> describe(Class<? extends Record> type) {
        Record defaults = ConfigTrees.defaultsOrNull(type);
        JsonNode tree = defaults == null ? null : ConfigTrees.toTree(defaults);
        List<ConfigDoc> out = new ArrayList<>();
        walk(ConfigType.of(type), tree, "", out);
        return out;
    }

    private static void walk(ConfigType section, JsonNode node, String path, List<ConfigDoc> out) {
        for (Map.Entry<String, RecordComponent> e : section.keys().entrySet()) {
            String key = KeyPath.key(path, e.getKey());
            ConfigType type = ConfigType.of(e.getValue().getGenericType());
            JsonNode value = node == null ? null : node.get(e.getKey());
            String doc = docOf(e.getValue(), type);
            if (type.kind() == ConfigType.Kind.SECTION) {
                out.add(new ConfigDoc(key, ConfigDoc.SECTION, "", doc));
                walk(type, value != null && value.isObject() ? value : sectionDefaults(type), key, out);
                continue;
            }
            out.add(new ConfigDoc(key, type.typeName(), value == null ? "" : ConfigTrees.flow(value, false), doc));
            // Sections nested in lists and maps have keys too; document them once under a placeholder.
            ConfigType inner = type.kind() == ConfigType.Kind.LIST ? type.element()
                    : type.kind() == ConfigType.Kind.MAP ? type.child("") : null;
            if (inner != null && inner.kind() == ConfigType.Kind.SECTION) {
                String innerPath = type.kind() == ConfigType.Kind.LIST ? key + "[]" : key + ".*";
                walk(inner, sectionDefaults(inner), innerPath, out);
            }
        }
    }

    private static JsonNode sectionDefaults(ConfigType type) {
        Record d = ConfigTrees.defaultsOrNull(type.raw());
        return d == null ? null : ConfigTrees.toTree(d);
    }

    private static String docOf(RecordComponent c, ConfigType type) {
        Doc doc = c.getAnnotation(Doc.class);
        if (doc == null && type.kind() == ConfigType.Kind.SECTION) {
            doc = type.raw().getAnnotation(Doc.class);
        }
        return doc == null ? "" : doc.value();
    }
}
