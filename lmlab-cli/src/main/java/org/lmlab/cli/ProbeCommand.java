package org.lmlab.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code lmlab probe <instrument> <run>}: instruments over a run's newest checkpoint (lmlab-probe). */
@Command(name = "probe",
        description = "Measure a trained run without changing it: 'probe hessian <run>', 'probe sinks <run>', "
                + "'probe moe <run>'.",
        subcommands = {HessianProbeCommand.class, ProbeSinksCommand.class, ProbeMoeCommand.class})
final class ProbeCommand implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
