package org.lmlab.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The shape of a config value as seen from its Java type: a section (record), list, map, enum or plain scalar.
 * Key validation, merging, error messages and {@link Configs#describe} all walk this instead of the YAML tree,
 * because the tree cannot tell a misspelled key from a legitimately new one — only the record can.
 */
record ConfigType(Kind kind, Class<?> raw, Type generic) {

    enum Kind { SECTION, LIST, MAP, ENUM, SCALAR }

    private static final PropertyNamingStrategies.NamingBase SNAKE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

    static ConfigType of(Type type) {
        Class<?> raw = rawClass(type);
        Kind kind;
        if (raw.isRecord()) {
            kind = Kind.SECTION;
        } else if (raw.isEnum()) {
            kind = Kind.ENUM;
        } else if (raw.isArray() || Collection.class.isAssignableFrom(raw)) {
            kind = Kind.LIST;
        } else if (Map.class.isAssignableFrom(raw)) {
            kind = Kind.MAP;
        } else {
            kind = Kind.SCALAR;
        }
        return new ConfigType(kind, raw, type);
    }

    /** For a section: YAML key → record component, in declaration order. Empty for anything else. */
    Map<String, RecordComponent> keys() {
        Map<String, RecordComponent> keys = new LinkedHashMap<>();
        if (kind == Kind.SECTION) {
            for (RecordComponent c : raw.getRecordComponents()) {
                keys.put(yamlName(c), c);
            }
        }
        return keys;
    }

    /** The type under {@code key}: a section's component, or a map's value type; null if there is no such key. */
    ConfigType child(String key) {
        return switch (kind) {
            case SECTION -> {
                RecordComponent c = keys().get(key);
                yield c == null ? null : of(c.getGenericType());
            }
            case MAP -> of(typeArgument(1));
            default -> null;
        };
    }

    /** The element type of a list; null for anything else. */
    ConfigType element() {
        if (kind != Kind.LIST) {
            return null;
        }
        if (generic instanceof GenericArrayType g) {
            return of(g.getGenericComponentType());
        }
        return raw.isArray() ? of(raw.getComponentType()) : of(typeArgument(0));
    }

    /** What the help text and error messages call this type. */
    String typeName() {
        return switch (kind) {
            case SECTION -> ConfigDoc.SECTION;
            case ENUM -> "one of " + EnumNames.allowed(raw);
            case LIST -> "list of " + (element().kind() == Kind.SECTION ? "sections" : element().typeName());
            case MAP -> "map of " + of(typeArgument(0)).typeName() + " to " + of(typeArgument(1)).typeName();
            case SCALAR -> scalarName(raw);
        };
    }

    /** "expected ..." phrase for a value of this type that failed to bind. */
    String expectation() {
        return switch (kind) {
            case SECTION -> "expected a section (a mapping of keys)";
            case ENUM -> "expected one of " + EnumNames.allowed(raw);
            case LIST -> "expected a list";
            case MAP -> "expected a mapping";
            case SCALAR -> switch (scalarName(raw)) {
                case "int", "long" -> "expected an integer";
                case "number" -> "expected a number";
                case "boolean" -> "expected true or false";
                case "string" -> "expected a string";
                default -> "expected a " + scalarName(raw);
            };
        };
    }

    /** The YAML key of a record component: its {@code @JsonProperty} name if any, else snake_case. */
    static String yamlName(RecordComponent c) {
        JsonProperty p = c.getAccessor().getAnnotation(JsonProperty.class);
        if (p != null && !p.value().isEmpty()) {
            return p.value();
        }
        return SNAKE.translate(c.getName());
    }

    private static String scalarName(Class<?> c) {
        if (c == int.class || c == Integer.class || c == short.class || c == Short.class
                || c == byte.class || c == Byte.class) {
            return "int";
        }
        if (c == long.class || c == Long.class || c == java.math.BigInteger.class) {
            return "long";
        }
        if (c == double.class || c == Double.class || c == float.class || c == Float.class
                || c == java.math.BigDecimal.class) {
            return "number";
        }
        if (c == boolean.class || c == Boolean.class) {
            return "boolean";
        }
        if (c == String.class || CharSequence.class.isAssignableFrom(c)) {
            return "string";
        }
        return c.getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }

    private Type typeArgument(int i) {
        if (generic instanceof ParameterizedType p && p.getActualTypeArguments().length > i) {
            return p.getActualTypeArguments()[i];
        }
        return Object.class;
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return rawClass(p.getRawType());
        }
        if (type instanceof GenericArrayType g) {
            return java.lang.reflect.Array.newInstance(rawClass(g.getGenericComponentType()), 0).getClass();
        }
        // Wildcards and type variables: accept anything and let Jackson decide.
        return Object.class;
    }
}
