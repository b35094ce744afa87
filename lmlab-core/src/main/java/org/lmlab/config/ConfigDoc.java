package org.lmlab.config;

/**
 * One line of generated config documentation, as produced by {@link Configs#describe}.
 *
 * @param path         dotted key path as written in YAML or an override, e.g. {@code model.d_model}; elements of
 *                     a list of sections appear as {@code layers[].width}, values of a map as {@code tags.*}
 * @param type         {@code section} for nested records, otherwise e.g. {@code int}, {@code number},
 *                     {@code boolean}, {@code string}, {@code one of [a, b]}, {@code list of int}
 * @param defaultValue the default in YAML flow form ({@code 256}, {@code rmsnorm}, {@code [1, 2]}, {@code null});
 *                     empty for sections
 * @param doc          the {@link Doc} text, or empty when the key is undocumented
 */
public record ConfigDoc(String path, String type, String defaultValue, String doc) {

    /** The {@link #type} of entries that describe a nested record rather than a value. */
    public static final String SECTION = "section";

    /** True when this entry is a section header rather than a settable value. */
    public boolean isSection() {
        return SECTION.equals(type);
    }
}
