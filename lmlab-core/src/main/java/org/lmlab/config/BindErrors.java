package org.lmlab.config;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns a Jackson binding failure into the one-line message the user sees. Jackson's own messages name Java
 * classes and span several lines; here the failing key path is rebuilt from the exception, the expected type is
 * read off the record, the offending value off the merged tree, and the blame goes to the file line or override
 * that supplied it.
 */
final class BindErrors {
    private BindErrors() {}

    static BadInputException translate(JsonMappingException e, JsonNode tree, ConfigType rootType, Origins origins) {
        List<Object> segments = new ArrayList<>();
        String path = "";
        ConfigType type = rootType;
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                segments.add(ref.getFieldName());
                path = KeyPath.key(path, ref.getFieldName());
                type = type == null ? null : type.child(ref.getFieldName());
            } else {
                segments.add(ref.getIndex());
                path = KeyPath.index(path, ref.getIndex());
                type = type == null ? null : type.element();
            }
        }
        if (e instanceof ValueInstantiationException) {
            return invalidSection(e, path, origins);
        }
        Origin origin = origins.at(path);
        JsonNode value = ConfigTrees.at(tree, segments);
        if (type == null) {
            return new BadInputException(origin.message(path, YamlSource.oneLine(e.getOriginalMessage()), null), e);
        }
        if (type.kind() == ConfigType.Kind.ENUM && value != null && value.isValueNode() && !value.isNull()) {
            String problem = "'" + value.asText() + "' is not one of " + EnumNames.allowed(type.raw());
            return new BadInputException(origin.message(path, problem, null), e);
        }
        return new BadInputException(origin.message(path, type.expectation(), ConfigTrees.flow(value, true)), e);
    }

    /**
     * A record's compact constructor rejected its values ({@code d_model must be divisible by n_heads}). Any key
     * of the section may be at fault, so every source that touched it is named.
     */
    private static BadInputException invalidSection(JsonMappingException e, String path, Origins origins) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        String reason = cause.getMessage() != null && !cause.getMessage().isBlank()
                ? YamlSource.oneLine(cause.getMessage())
                : cause.getClass().getSimpleName();
        String sources = origins.within(path).stream().map(o -> o.label(path)).collect(Collectors.joining(", "));
        return new BadInputException(sources + ": " + (path.isEmpty() ? "" : path + ": ") + reason, cause);
    }
}
