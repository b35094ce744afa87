package org.lmlab.cli;

import java.util.concurrent.Callable;
import org.lmlab.runs.RunIndex;
import org.lmlab.runs.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code lmlab runs [SQL]}: SQL over all run directories (tables runs, metrics, configs, trials, verdicts; see
 * org.lmlab.runs). Without SQL it lists the runs.
 */
@Command(name = "runs", description = "Query all run directories with SQL (tables: runs, metrics, configs, trials, "
        + "verdicts).")
final class RunsCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", description = "SQL (default: select * from runs).")
    String sql;

    @Option(names = "--csv", description = "Print CSV instead of an aligned table.")
    boolean csv;

    @Option(names = "--max-rows", defaultValue = "200", description = "Rows shown in table form.")
    int maxRows;

    @Mixin
    RunOptions runOptions;

    @Override
    public Integer call() {
        try (RunIndex index = RunIndex.open(runOptions.runs)) {
            Table t = index.query(sql == null
                    ? "select run, status, steps, final_val_loss, final_val_accuracy, optimizer, lr, seconds from runs"
                    : sql);
            System.out.print(csv ? t.csv() : t.format(maxRows));
        }
        return 0;
    }
}
