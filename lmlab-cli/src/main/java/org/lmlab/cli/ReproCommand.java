package org.lmlab.cli;

import java.util.concurrent.Callable;
import org.lmlab.config.BadInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lmlab repro <name> [--seed N] [--quick]} — the reproduction contract of DESIGN.md: a table of criterion ·
 * measured · threshold · pass, a report under {@code runs/repro/<name>-seed<N>/}, exit 0 exactly when every
 * criterion passes. Reproductions arrive with their paper rows; {@code --list} shows every row and its status.
 */
@Command(name = "repro", description = "Reproduce a paper's headline phenomenon at small scale.")
final class ReproCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", description = "Reproduction name (see --list).")
    String name;

    @Option(names = "--list", description = "List every paper row and whether its reproduction exists.")
    boolean list;

    @Option(names = "--seed", defaultValue = "0")
    long seed;

    @Option(names = "--quick", description = "The about-one-minute version.")
    boolean quick;

    @Override
    public Integer call() {
        if (list || name == null) {
            System.out.printf("%-26s %-8s %s%n", "reproduction", "status", "paper");
            for (PaperRows.Row r : PaperRows.ROWS) {
                System.out.printf("%-26s %-8s %s%n", r.name(), r.status(), r.paper());
            }
            return 0;
        }
        PaperRows.Row row = PaperRows.find(name);
        if (row == null) {
            throw new BadInputException("no reproduction '" + name + "' (lmlab repro --list shows them)");
        }
        throw new BadInputException("reproduction '" + name + "' has no runnable version in this build (status: "
                + row.status() + "; see lmlab repro --list)");
    }
}
