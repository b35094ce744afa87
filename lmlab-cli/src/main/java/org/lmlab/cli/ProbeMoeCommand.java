package org.lmlab.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.lmlab.probe.moe.DomainExpertInformation;
import org.lmlab.probe.moe.ExpertRouting;
import org.lmlab.probe.moe.ExpertUtilization;
import org.lmlab.probe.moe.RoutingCounts;
import org.lmlab.train.TrainRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "moe", description = "Expert utilization and domain–expert mutual information of an MoE run.")
final class ProbeMoeCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "Run directory.")
    Path run;

    @Option(names = "--batches", defaultValue = "4", description = "Held-out batches per domain.")
    int batches;

    @Override
    public Integer call() {
        TrainRun.Built b = RunLoader.load(run, System.out);
        RoutingCounts rc = ExpertRouting.measure(b.model(), b.task(), b.config().train().batchSize(), batches,
                b.device());
        System.out.printf("%d experts, top-%d; domains: %s%n", rc.experts(), rc.topK(), String.join(", ", rc.domains()));
        System.out.printf("%-16s  %-10s  %-12s  %s%n", "layer", "max f·E", "MI/ln E", "expert frequencies f");
        for (Map.Entry<String, long[][]> e : rc.counts().entrySet()) {
            StringBuilder f = new StringBuilder();
            for (double v : ExpertUtilization.frequencies(e.getValue())) {
                f.append(String.format("%.3f ", v));
            }
            System.out.printf("%-16s  %-10.3f  %-12.4f  %s%n", e.getKey(), ExpertUtilization.maxLoad(e.getValue()),
                    DomainExpertInformation.normalized(e.getValue()), f.toString().trim());
        }
        return 0;
    }
}
