package org.lmlab.repro;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/** The reproductions on the class path, found through {@link ServiceLoader}. */
public final class Reproductions {
    private Reproductions() {}

    public static List<Reproduction> all() {
        return ServiceLoader.load(Reproduction.class).stream()
                .map(ServiceLoader.Provider::get)
                .sorted(Comparator.comparing(Reproduction::name))
                .toList();
    }

    public static Optional<Reproduction> find(String name) {
        return all().stream().filter(r -> r.name().equals(name)).findFirst();
    }
}
