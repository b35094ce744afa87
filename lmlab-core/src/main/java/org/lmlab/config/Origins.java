package org.lmlab.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which {@link Origin} last wrote each key path of a config tree being assembled. Values written as a whole
 * (scalars, lists, a replaced section) own their subtree; merging a mapping into a section only claims the keys
 * it actually mentions, so a file that sets {@code model.d_model} does not take the blame for {@code model.n_heads}.
 */
final class Origins {
    private final Origin defaults;
    private final Map<String, Origin> byPath = new LinkedHashMap<>();

    Origins(Origin defaults) {
        this.defaults = defaults;
    }

    /** Records that {@code origin} replaced the whole value at {@code path}. */
    void replaced(String path, Origin origin) {
        byPath.keySet().removeIf(p -> KeyPath.isWithin(p, path));
        byPath.put(path, origin);
    }

    /** The source responsible for the value at {@code path}: its own writer or the nearest ancestor's. */
    Origin at(String path) {
        for (String p = path; ; p = KeyPath.parent(p)) {
            Origin o = byPath.get(p);
            if (o != null) {
                return o;
            }
            if (p.isEmpty()) {
                return defaults;
            }
        }
    }

    /**
     * Every source that contributed to the section at {@code path}, oldest first — used when a record's own
     * validation rejects the combination of its keys and any of them may be the culprit.
     */
    List<Origin> within(String path) {
        List<Origin> found = new ArrayList<>();
        Origin enclosing = at(path);
        if (enclosing != defaults) {
            found.add(enclosing);
        }
        for (Map.Entry<String, Origin> e : byPath.entrySet()) {
            if (KeyPath.isWithin(e.getKey(), path) && !found.contains(e.getValue())) {
                found.add(e.getValue());
            }
        }
        if (found.isEmpty()) {
            found.add(defaults);
        }
        found.sort(Comparator.comparingInt(Origin::order));
        return found;
    }
}
