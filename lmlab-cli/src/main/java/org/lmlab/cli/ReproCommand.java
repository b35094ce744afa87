package org.lmlab.cli;

import java.util.concurrent.Callable;
import org.lmlab.config.BadInputException;
import org.lmlab.repro.ReproRunner;
import org.lmlab.repro.Reproduction;
import org.lmlab.repro.Reproductions;
import org.lmlab.tensor.Torch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Mixin
    RunOptions runOptions;

    @Override
    public Integer call() throws Exception {
        if (list || name == null) {
            System.out.printf("%-26s %-8s %s%n", "reproduction", "status", "paper");
            for (PaperRows.Row r : PaperRows.ROWS) {
                System.out.printf("%-26s %-8s %s%n", r.name(), status(r), r.paper());
            }
            return 0;
        }
        PaperRows.Row row = PaperRows.find(name);
        if (row == null) {
            throw new BadInputException("no reproduction '" + name + "' (lmlab repro --list shows them)");
        }
        Reproduction r = Reproductions.find(name).orElseThrow(() -> new BadInputException("reproduction '" + name
                + "' has no runnable version in this build (status: planned; see lmlab repro --list)"));
        Torch.init();
        ReproRunner.Outcome o = ReproRunner.run(r, seed, quick, runOptions.runs, System.out);
        return o.verdict().passed() ? 0 : 1;
    }

    private static String status(PaperRows.Row row) {
        return Reproductions.find(row.name()).isPresent() ? "runnable" : "planned";
    }
}
