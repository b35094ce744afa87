package org.lmlab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.lmlab.config.BadInputException;
import org.lmlab.report.RunReport;
import org.lmlab.run.RunDir;
import org.lmlab.sweep.SweepReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code lmlab report <run or sweep directory>}: (re)writes its report.md with plots. */
@Command(name = "report", description = "Write report.md (with plots) for a run or a sweep directory.")
final class ReportCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "A run directory or a sweep directory (runs/sweeps/<name>).")
    Path dir;

    @Override
    public Integer call() throws IOException {
        if (Files.exists(dir.resolve("sweep.yaml"))) {
            SweepReport.write(dir);
        } else if (Files.exists(dir.resolve(RunDir.CONFIG)) || Files.exists(dir.resolve(RunDir.METRICS))) {
            RunReport.write(RunDir.open(dir));
        } else {
            throw new BadInputException(dir + ": neither a run directory (config.yaml) nor a sweep (sweep.yaml)");
        }
        System.out.println("wrote " + dir.resolve("report.md"));
        return 0;
    }
}
