package org.lmlab.config;

import java.util.Map;

/**
 * Where a config value came from — the built-in defaults, a YAML file (with the line of every key), or one
 * {@code key=value} override — so an error can point at the thing the user has to edit.
 *
 * @param order        application order; later origins win
 * @param kind         what sort of source this is
 * @param name         the file name, the override text, or a description of the defaults
 * @param overrideKey  for overrides, the key path it sets; otherwise empty
 * @param lines        for files, key path → 1-based line; otherwise empty
 */
record Origin(int order, Kind kind, String name, String overrideKey, Map<String, Integer> lines) {

    enum Kind { DEFAULTS, FILE, OVERRIDE }

    static Origin defaults(String description) {
        return new Origin(0, Kind.DEFAULTS, description, "", Map.of());
    }

    static Origin file(String sourceName, Map<String, Integer> lines) {
        return new Origin(1, Kind.FILE, sourceName, "", lines);
    }

    static Origin override(int order, String text, String keyPath) {
        return new Origin(order, Kind.OVERRIDE, text, keyPath, Map.of());
    }

    /** How to name this source in a message about {@code path}: {@code config.yaml:12} or {@code override 'a=b'}. */
    String label(String path) {
        return switch (kind) {
            case OVERRIDE -> "override '" + name + "'";
            case DEFAULTS -> name;
            case FILE -> {
                for (String p = path; !p.isEmpty(); p = KeyPath.parent(p)) {
                    Integer line = lines.get(p);
                    if (line != null) {
                        yield name + ":" + line;
                    }
                }
                yield name;
            }
        };
    }

    /**
     * The one-line message for a problem with the value at {@code path}. An override that set exactly that path
     * already shows key and value, so it is not repeated; elsewhere the path and the offending value are named.
     *
     * @param got the offending value in YAML form, or null when {@code problem} already names it
     */
    String message(String path, String problem, String got) {
        if (kind == Kind.OVERRIDE && path.equals(overrideKey)) {
            return label(path) + ": " + problem;
        }
        String where = path.isEmpty() ? "" : path + ": ";
        return label(path) + ": " + where + problem + (got == null ? "" : ", got " + got);
    }
}
