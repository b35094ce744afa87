package org.lmlab.train;

import org.lmlab.config.Doc;
import org.lmlab.model.DecoderConfig;
import org.lmlab.optim.OptimConfig;
import org.lmlab.task.TaskConfig;
import org.lmlab.tensor.Dtype;

/**
 * Everything that determines a training run; {@code config.yaml} in the run directory is this record, resolved.
 */
public record RunConfig(
        @Doc("run directory name under the runs root")
        String name,
        @Doc("seed of parameter init, data order and sampling")
        long seed,
        @Doc("cpu or cuda (cuda:N)")
        String device,
        @Doc("parameter and compute dtype; bf16-mixed keeps float32 weights and state, bf16 autocast forward")
        Dtype dtype,
        @Doc("the decoder's shape")
        DecoderConfig model,
        @Doc("optimizer and schedule")
        OptimConfig optim,
        @Doc("what to train on")
        TaskConfig task,
        @Doc("loop settings")
        TrainConfig train) {

    public RunConfig {
        if (name == null || name.isBlank() || name.contains("/") || name.startsWith(".")) {
            throw new IllegalArgumentException("name must be a plain directory name");
        }
        if (device == null || !(device.equals("cpu") || device.startsWith("cuda"))) {
            throw new IllegalArgumentException("device must be cpu or cuda[:N]");
        }
    }

    public static RunConfig defaults() {
        return new RunConfig("run", 0, "cpu", Dtype.FLOAT32, DecoderConfig.defaults(), OptimConfig.defaults(),
                TaskConfig.defaults(), TrainConfig.defaults());
    }

    public RunConfig withName(String n) {
        return new RunConfig(n, seed, device, dtype, model, optim, task, train);
    }

    public RunConfig withModel(DecoderConfig m) {
        return new RunConfig(name, seed, device, dtype, m, optim, task, train);
    }

    public RunConfig withTrain(TrainConfig t) {
        return new RunConfig(name, seed, device, dtype, model, optim, task, t);
    }
}
