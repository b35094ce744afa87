package org.lmlab.train;

import java.nio.file.Path;
import org.bytedeco.pytorch.Device;
import org.lmlab.model.Decoder;
import org.lmlab.model.DecoderConfig;
import org.lmlab.nn.Mlp;
import org.lmlab.nn.Norm;
import org.lmlab.optim.OptimConfig;
import org.lmlab.optim.Optimizer;
import org.lmlab.optim.Schedule;
import org.lmlab.run.RunDir;
import org.lmlab.task.ModularAddition;
import org.lmlab.tensor.Rng;
import org.lmlab.tensor.Torch;

/** A tiny model on modular addition: fast enough for loops of hundreds of steps in tests. */
final class Fixtures {
    static final Device CPU = new Device("cpu");

    private Fixtures() {}

    static DecoderConfig tinyModel(int vocab) {
        return new DecoderConfig(vocab, 32, 2, 1, 0, 8, Norm.Kind.RMSNORM, Mlp.Kind.SWIGLU,
                DecoderConfig.Position.ROPE, 10000, false, false, 1e-5, 0.02, DecoderConfig.AttentionImpl.AUTO);
    }

    static OptimConfig optim(double lr) {
        return new OptimConfig(OptimConfig.Kind.ADAMW, lr, 0.9, 0.98, 1e-8, 0.1, 1.0, Schedule.Kind.COSINE, 5, 0.1, 0.2);
    }

    /** A trainer over a freshly seeded model (seed 0), writing to {@code dir}. */
    static Trainer trainer(Path dir, TrainConfig tc, int p) throws Exception {
        Torch.init();
        Rng.seed(0);
        ModularAddition task = new ModularAddition(p, 0.8, 0);
        Decoder model = new Decoder(tinyModel(task.vocabSize()));
        OptimConfig oc = optim(3e-3);
        Optimizer opt = oc.build(model.namedParameters());
        RunDir run = java.nio.file.Files.isDirectory(dir) ? RunDir.open(dir) : RunDir.create(dir.getParent(),
                dir.getFileName().toString());
        return new Trainer(model, task, opt, oc.schedule(tc.steps()), oc.lr(), tc, run, CPU);
    }

    static TrainConfig loop(long steps, long checkpointEvery) {
        return new TrainConfig(steps, 32, 2, 0, 2, checkpointEvery, 5, 1000);
    }
}
