package org.lmlab.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options shared by the commands that create or read run directories. */
final class RunOptions {
    @Option(names = "--runs", description = "Root of the run directories (default: ${DEFAULT-VALUE}).",
            defaultValue = "runs")
    Path runs;
}
