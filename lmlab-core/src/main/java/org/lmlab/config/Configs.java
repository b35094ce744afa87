package org.lmlab.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads, overrides, prints and documents config records. Every entry point builds a config the same way:
 * defaults → YAML file (deep merge) → {@code key=value} overrides in order → bind to the record, with each step
 * validating keys against the record types and every failure reported as a one-line {@link BadInputException}.
 * See the package documentation for the rules and an example.
 */
public final class Configs {
    private Configs() {}

    /** {@code type.defaults()}; fails (a programming error, not bad input) when the record does not declare one. */
    public static <T extends Record> T defaults(Class<T> type) {
        Record d = ConfigTrees.defaultsOrNull(type);
        if (d == null) {
            throw new IllegalArgumentException(type.getName() + " must declare public static "
                    + type.getSimpleName() + " defaults()");
        }
        return type.cast(d);
    }

    /** Reads {@code yaml} (named in messages as given) and builds a config from it and the overrides. */
    public static <T extends Record> T load(Path yaml, List<String> overrides, Class<T> type) {
        String text;
        try {
            text = Files.readString(yaml, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new BadInputException(yaml + ": no such file", e);
        } catch (IOException e) {
            throw new BadInputException(yaml + ": cannot read (" + e.getMessage() + ")", e);
        }
        return fromYaml(text, yaml.toString(), overrides, type);
    }

    /** Builds a config from YAML text; {@code sourceName} is what error messages call the text. */
    public static <T extends Record> T fromYaml(String yamlText, String sourceName, List<String> overrides,
                                                Class<T> type) {
        YamlSource source = YamlSource.parse(yamlText, sourceName);
        return build(type, ConfigTrees.toTree(defaults(type)), Origin.defaults("defaults of " + type.getSimpleName()),
                source.tree(), Origin.file(sourceName, source.lines()), overrides);
    }

    /** Builds a config from an already-parsed tree (no line numbers in messages), merged onto the defaults. */
    public static <T extends Record> T fromTree(JsonNode tree, String sourceName, List<String> overrides,
                                                Class<T> type) {
        return build(type, ConfigTrees.toTree(defaults(type)), Origin.defaults("defaults of " + type.getSimpleName()),
                tree, Origin.file(sourceName, java.util.Map.of()), overrides);
    }

    /** A copy of {@code base} with the overrides applied; {@code base} need not come from a file. */
    public static <T extends Record> T withOverrides(T base, List<String> overrides) {
        @SuppressWarnings("unchecked")
        Class<T> type = (Class<T>) base.getClass();
        return build(type, ConfigTrees.toTree(base), Origin.defaults("base " + type.getSimpleName()), null, null,
                overrides);
    }

    /** The config as a tree with snake_case keys and kebab-case enums — the form written to YAML. */
    public static ObjectNode toTree(Record config) {
        return ConfigTrees.toTree(config);
    }

    /** The config as YAML that {@link #fromYaml} reads back to an equal record (e.g. a run's config.yaml). */
    public static String toYaml(Record config) {
        try {
            return ConfigMapper.YAML.writeValueAsString(toTree(config));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + config.getClass().getSimpleName() + " as YAML", e);
        }
    }

    /** Every key path of {@code type} with its type, default and {@link Doc} text, sections before their keys. */
    public static List<ConfigDoc> describe(Class<? extends Record> type) {
        return ConfigDescriber.describe(type);
    }

    private static <T extends Record> T build(Class<T> type, ObjectNode base, Origin baseOrigin, JsonNode file,
                                              Origin fileOrigin, List<String> overrides) {
        ConfigType rootType = ConfigType.of(type);
        Origins origins = new Origins(baseOrigin);
        TreeMerger merger = new TreeMerger(origins);
        ObjectNode tree = base;
        if (file != null && !file.isMissingNode() && !file.isNull()) {
            if (!file.isObject()) {
                throw new BadInputException(fileOrigin.name() + ": expected a mapping of keys at the top level, got "
                        + ConfigTrees.flow(file, true));
            }
            tree = (ObjectNode) merger.merge(tree, file, rootType, "", fileOrigin);
        }
        int order = 2;
        for (String text : overrides == null ? List.<String>of() : overrides) {
            ConfigOverride o = ConfigOverride.parse(text);
            o.applyTo(tree, rootType, Origin.override(order++, text, o.keyPath()), merger);
        }
        try {
            return ConfigMapper.YAML.treeToValue(tree, type);
        } catch (JsonMappingException e) {
            throw BindErrors.translate(e, tree, rootType, origins);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new BadInputException(baseOrigin.name() + ": " + YamlSource.oneLine(e.getMessage()), e);
        }
    }
}
