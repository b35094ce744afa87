package org.lmlab.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.lmlab.config.BadInputException;

/** The lmlab checkout ({@code -Dlmlab.home}, set by the launcher; else the working directory). */
final class Home {
    private Home() {}

    static Path path(String first, String... more) {
        Path home = Path.of(System.getProperty("lmlab.home", "."));
        Path p = home.resolve(Path.of(first, more));
        if (!Files.exists(p)) {
            throw new BadInputException(p + " not found (run lmlab from its checkout, or via the ./lmlab launcher)");
        }
        return p;
    }
}
