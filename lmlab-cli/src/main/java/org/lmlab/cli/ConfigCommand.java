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
        for (ConfigDoc d : Configs.describe(RunConfig.class)) {
            System.out.println(d);
        }
        return 0;
    }
}
