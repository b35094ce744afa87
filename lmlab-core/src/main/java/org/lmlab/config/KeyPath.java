package org.lmlab.config;

/**
 * Key paths as users write them — {@code model.d_model}, {@code layers[2].width} — built and taken apart as plain
 * strings, because that is the form every error message and override needs anyway.
 */
final class KeyPath {
    private KeyPath() {}

    static String key(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }

    static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }

    /** The enclosing path: {@code a.b[2]} → {@code a.b}, {@code a.b} → {@code a}, {@code a} → "". */
    static String parent(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut < 0 ? "" : path.substring(0, cut);
    }

    /** True when {@code path} is {@code ancestor} itself or lies below it. */
    static boolean isWithin(String path, String ancestor) {
        if (ancestor.isEmpty() || path.equals(ancestor)) {
            return true;
        }
        return path.startsWith(ancestor)
                && (path.charAt(ancestor.length()) == '.' || path.charAt(ancestor.length()) == '[');
    }
}
