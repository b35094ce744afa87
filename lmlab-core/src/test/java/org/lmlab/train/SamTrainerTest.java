package org.lmlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmlab.config.Configs;
import org.lmlab.model.Decoder;
import org.lmlab.optim.OptimConfig;
import org.lmlab.optim.Sam;
import org.lmlab.run.RunDir;
import org.lmlab.task.ModularAddition;
import org.lmlab.tensor.Rng;
import org.lmlab.tensor.Tensors;
import org.lmlab.tensor.Torch;

/** The trainer's loss closure under SAM: config wiring and the per-sample losses 1-SAM needs. */
class SamTrainerTest {
    @TempDir
    Path tmp;

    @Test
    void yamlSelectsTheWrapper() {
        RunConfig c = Configs.fromYaml("optim:\n  sam: one-sam\n  rho: 0.02\n", "config.yaml", List.of(),
                RunConfig.class);
        assertEquals(OptimConfig.SamKind.ONE_SAM, c.optim().sam());
        assertEquals(0.02, c.optim().rho());
        RunConfig d = Configs.fromYaml("optim:\n  kind: sgd\n", "config.yaml", List.of("optim.sam=usam"), RunConfig.class);
        assertEquals(OptimConfig.SamKind.USAM, d.optim().sam());
        assertEquals(OptimConfig.Kind.SGD, d.optim().kind());
    }

    /**
     * 1-SAM with ρ = 0 evaluates every sequence alone at θ and averages: on modular addition (one answer position
     * per sequence) that is the batch gradient, so three steps must match plain AdamW up to float32 summation order.
     */
    @Test
    void perSampleLossesAverageToTheBatchLoss() throws Exception {
        float[] plain = train(OptimConfig.SamKind.NONE, "plain");
        float[] oneSam = train(OptimConfig.SamKind.ONE_SAM, "one-sam");
        double maxDiff = 0;
        double changed = 0;
        float[] init = initial();
        for (int i = 0; i < plain.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(plain[i] - oneSam[i]));
            changed = Math.max(changed, Math.abs(plain[i] - init[i]));
        }
        assertTrue(changed > 1e-3, "training moved the parameters (" + changed + ")");
        assertTrue(maxDiff < 2e-5, "1-SAM with rho 0 vs plain: max |Δθ| = " + maxDiff);
    }

    private Decoder model(ModularAddition task) {
        Rng.seed(0);
        return new Decoder(Fixtures.tinyModel(task.vocabSize()));
    }

    private float[] initial() {
        Torch.init();
        return Tensors.toFloats(org.lmlab.tensor.Hvp.flatten(model(new ModularAddition(7, 0.8, 0)).parameters().stream()
                .map(p -> p.tensor()).toList()));
    }

    private float[] train(OptimConfig.SamKind sam, String name) throws Exception {
        Torch.init();
        ModularAddition task = new ModularAddition(7, 0.8, 0);
        Decoder m = model(task);
        OptimConfig oc = Fixtures.optim(1e-2).withSam(sam, 0.0);
        var opt = oc.build(m.namedParameters());
        if (sam != OptimConfig.SamKind.NONE) {
            assertInstanceOf(Sam.class, opt);
        }
        TrainConfig tc = new TrainConfig(3, 4, 2, 0, 1, 0, 1, 1000);
        new Trainer(m, task, opt, oc.schedule(tc.steps()), oc.lr(), tc, RunDir.create(tmp, name), Fixtures.CPU).run();
        return Tensors.toFloats(org.lmlab.tensor.Hvp.flatten(m.parameters().stream().map(p -> p.tensor()).toList()));
    }
}
