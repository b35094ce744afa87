package org.lmlab.cli;

import java.util.concurrent.Callable;
import org.lmlab.config.ConfigDoc;
import org.lmlab.config.Configs;
import org.lmlab.train.RunConfig;
import picocli.CommandLine.Command;

@Command(name = "config", description = "List every config key with its type, default and meaning.")
final class ConfigCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        System.out.printf("%-24s %-40s %-12s %s%n", "key", "type", "default", "meaning");
        for (ConfigDoc d : Configs.describe(RunConfig.class)) {
            if (!d.isSection()) {
                System.out.printf("%-24s %-40s %-12s %s%n", d.path(), d.type(), d.defaultValue(), d.doc());
            }
        }
        return 0;
    }
}
