package org.lmlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmlab.config.BadInputException;
import org.lmlab.model.Decoder;
import org.lmlab.optim.OptimConfig;
import org.lmlab.optim.Optimizer;
import org.lmlab.run.RunDir;
import org.lmlab.task.ModularAddition;
import org.lmlab.tensor.Rng;
import org.lmlab.tensor.Tensors;
import org.lmlab.tensor.Torch;

class TrainerBehaviourTest {
    @TempDir
    Path tmp;

    /**
     * End-to-end learning and generalization: modular addition mod 23 trained on 80% of the pairs reaches ≥ 99%
     * accuracy on the pairs it trained on and ≥ 90% on the 106 pairs it never saw (it has learned addition, not a
     * table). Full grokking at small train fractions takes far longer; configs/modular-addition.yaml shows it.
     */
    @Test
    void learnsModularAdditionAndGeneralizes() throws Exception {
        long seed = Long.getLong("lmlab.test.seed", 1);
        Torch.init();
        Rng.seed(seed);
        ModularAddition task = new ModularAddition(23, 0.8, seed);
        Decoder model = new Decoder(new org.lmlab.model.DecoderConfig(24, 128, 4, 1, 0, 4,
                org.lmlab.nn.Norm.Kind.RMSNORM, org.lmlab.nn.Mlp.Kind.SWIGLU, org.lmlab.model.DecoderConfig.Position.ROPE,
                10000, false, false, 1e-5, 0.02, org.lmlab.model.DecoderConfig.AttentionImpl.AUTO));
        OptimConfig oc = new OptimConfig(OptimConfig.Kind.ADAMW, 3e-3, 0.9, 0.98, 1e-8, 1.0, 1.0,
                org.lmlab.optim.Schedule.Kind.COSINE, 20, 0.1, 0.2);
        TrainConfig tc = new TrainConfig(800, 256, 1, 0, 10, 0, 1, 10_000);
        Trainer t = new Trainer(model, task, oc.build(model.namedParameters()), oc.schedule(tc.steps()), oc.lr(), tc,
                RunDir.create(tmp, "modadd"), Fixtures.CPU);
        double heldOut = t.run().finalEval().accuracy();
        // Same seed and modulus, train fraction 1: the same shuffle, evaluated on all 529 pairs.
        double all = Evaluator.evaluate(model, new ModularAddition(23, 1.0, seed), 1024, 1, Fixtures.CPU).accuracy();
        double trained = (all * 529 - heldOut * 106) / 423;
        System.out.printf("modular addition seed %d: trained pairs %.4f, held-out %.4f%n", seed, trained, heldOut);
        assertTrue(trained >= 0.99, "accuracy on trained pairs " + trained);
        assertTrue(heldOut >= 0.90, "accuracy on held-out pairs " + heldOut);
    }

    @Test
    void nonFiniteLossStopsKeepingTheLastGoodCheckpoint() throws Exception {
        Trainer t = Fixtures.trainer(tmp.resolve("nan"), Fixtures.loop(20, 4), 7);
        Decoder[] model = new Decoder[1];
        // Poison the forward pass from update 7 on: the loss becomes NaN.
        t.listen(new Listener() {
            @Override
            public void onStep(StepInfo info) {
                if (info.step() == 6) {
                    model[0].hookPoint("blocks.0.resid_post", true).replace(x -> x.mul(Tensors.s(Double.NaN)));
                }
            }
        });
        model[0] = modelOf(t);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class, t::run);
        assertTrue(e.getMessage().contains("step 7") && e.getMessage().contains("step-000004"), e.getMessage());
        assertEquals(6, t.step());
        for (var p : model[0].parameters()) {
            assertTrue(Tensors.allFinite(p.tensor()), "no parameter was updated with a NaN gradient");
        }
        assertEquals(4, RunDir.open(tmp.resolve("nan")).latestCheckpoint().orElseThrow().step());
    }

    private static Decoder modelOf(Trainer t) throws Exception {
        var f = Trainer.class.getDeclaredField("model");
        f.setAccessible(true);
        return (Decoder) f.get(t);
    }

    @Test
    void truncatedCheckpointIsRejectedInOneLineAndNothingIsOverwritten() throws Exception {
        Fixtures.trainer(tmp.resolve("t"), Fixtures.loop(4, 4), 7).run();
        Path cp = RunDir.open(tmp.resolve("t")).latestCheckpoint().orElseThrow().dir();
        Path weights = cp.resolve("model.safetensors");
        byte[] full = Files.readAllBytes(weights);
        Files.write(weights, java.util.Arrays.copyOf(full, full.length / 2));
        Decoder m = new Decoder(Fixtures.tinyModel(8));
        BadInputException e = assertThrows(BadInputException.class, () -> Checkpoints.load(cp, m, null));
        assertTrue(e.getMessage().contains("model.safetensors") && !e.getMessage().contains("\n"), e.getMessage());
        assertEquals(full.length / 2, Files.size(weights), "the bad file is left as it was");
    }

    /** Native memory stays flat: resident set after 300 steps within 40 MB of that after 50. */
    @Test
    void nativeMemoryIsFlatOver300Steps() throws Exception {
        Trainer t = Fixtures.trainer(tmp.resolve("mem"), new TrainConfig(300, 64, 1, 0, 1, 0, 1, 1000), 13);
        t.runUntil(50);
        System.gc();
        long after50 = rssBytes();
        t.runUntil(300);
        System.gc();
        long after300 = rssBytes();
        assertTrue(after300 - after50 < 40L << 20, "RSS grew by " + (after300 - after50) / 1e6 + " MB over 250 steps");
    }

    private static long rssBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmRSS");
    }

    @Test
    void sameSeedSameLosses() throws Exception {
        Trainer a = Fixtures.trainer(tmp.resolve("s1"), Fixtures.loop(5, 5), 7);
        Trainer b = Fixtures.trainer(tmp.resolve("s2"), Fixtures.loop(5, 5), 7);
        assertEquals(a.run().finalTrainLoss(), b.run().finalTrainLoss());
        assertTrue(torch.get_num_threads() >= 1);
    }
}
