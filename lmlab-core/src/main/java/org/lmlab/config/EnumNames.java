package org.lmlab.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The spelling rules for enum values in configs: written as lowercase kebab-case ({@code WARMUP_STABLE_DECAY} →
 * {@code warmup-stable-decay}), read case-insensitively with '-', '_' and ' ' treated alike, so people can type
 * what they see in papers and in the help text alike.
 */
final class EnumNames {
    private EnumNames() {}

    /** The canonical YAML spelling of {@code value}. */
    static String canonical(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The constant of {@code type} matching {@code text}, or null when none does. */
    static Object parse(Class<?> type, String text) {
        String wanted = normalize(text);
        for (Object constant : type.getEnumConstants()) {
            if (normalize(((Enum<?>) constant).name()).equals(wanted)) {
                return constant;
            }
        }
        return null;
    }

    /** The canonical spellings of all constants of {@code type}, in declaration order. */
    static List<String> allowed(Class<?> type) {
        List<String> names = new ArrayList<>();
        for (Object constant : type.getEnumConstants()) {
            names.add(canonical((Enum<?>) constant));
        }
        return names;
    }

    private static String normalize(String s) {
        return s.trim().toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
    }
}
