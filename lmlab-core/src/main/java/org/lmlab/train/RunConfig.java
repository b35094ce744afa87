package org.lmlab.train;

import org.lmlab.model.DecoderConfig;
import org.lmlab.optim.OptimConfig;
import org.lmlab.task.TaskConfig;
import org.lmlab.tensor.Dtype;

/**
 * Everything that determines a training run; {@code config.yaml} in the run directory is this record, resolved.
 *
 * @param name run directory name under the runs root
 * @param seed seed of parameter init, data order and sampling
 * @param device cpu or cuda (cuda:N)
 * @param dtype parameter and compute dtype
 * @param model the decoder's shape
 * @param optim optimizer and schedule
 * @param task what to train on
 * @param train loop settings
 */
public record RunConfig(
        String name,
        long seed,
        String device,
        Dtype dtype,
        DecoderConfig model,
        OptimConfig optim,
        TaskConfig task,
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
