package org.lmlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.DeviceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmlab.model.Decoder;
import org.lmlab.model.DecoderConfig;
import org.lmlab.nn.HookPoint;
import org.lmlab.nn.Parameter;
import org.lmlab.optim.OptimConfig;
import org.lmlab.run.RunDir;
import org.lmlab.task.ModularAddition;
import org.lmlab.tensor.Dtype;
import org.lmlab.tensor.Rng;
import org.lmlab.tensor.Torch;

/** bf16 mixed precision: float32 state, bfloat16 matmuls, and a loss curve that tracks float32's. */
class MixedPrecisionTest {
    @TempDir
    Path tmp;

    private record Run(List<Double> losses, Decoder model, List<String> activationTypes) {}

    private Run train(Dtype dtype) throws Exception {
        Torch.init();
        Rng.seed(3);
        ModularAddition task = new ModularAddition(23, 0.8, 3);
        DecoderConfig mc = Fixtures.tinyModel(task.vocabSize());
        Decoder model = new Decoder(new DecoderConfig(mc.vocabSize(), 64, 4, 2, 0, 8, mc.norm(), mc.mlp(),
                mc.position(), mc.ropeTheta(), false, false, mc.normEps(), mc.initStd(), mc.attnImpl()));
        model.to(dtype, Fixtures.CPU);
        List<String> types = new ArrayList<>();
        HookPoint mlp = model.hookPoint("blocks.0.mlp.post", true);
        try (HookPoint.Handle h = mlp.read(x -> types.add(x.scalar_type().toString()))) {
            model.loss(torch.zeros(new long[] {2, 3}, new org.bytedeco.pytorch.TensorOptions(torch.ScalarType.Long)),
                    torch.zeros(new long[] {2, 3}, new org.bytedeco.pytorch.TensorOptions(torch.ScalarType.Long)));
        }
        OptimConfig oc = Fixtures.optim(3e-3);
        TrainConfig tc = new TrainConfig(150, 64, 1, 0, 2, 0, 1, 1000);
        Trainer t = new Trainer(model, task, oc.build(model.namedParameters()), oc.schedule(tc.steps()), oc.lr(), tc,
                RunDir.create(tmp, dtype.name()), Fixtures.CPU);
        List<Double> losses = new ArrayList<>();
        t.listen(new Listener() {
            @Override
            public void onStep(StepInfo info) {
                losses.add(info.loss());
            }
        });
        t.run();
        return new Run(losses, model, types);
    }

    @Test
    void bf16MixedKeepsFloat32StateAndTracksTheFloat32LossCurve() throws Exception {
        Run full = train(Dtype.FLOAT32);
        Run mixed = train(Dtype.BF16_MIXED);
        assertEquals(List.of("Float"), full.activationTypes());
        assertEquals(List.of("BFloat16"), mixed.activationTypes(), "matmul outputs run in bfloat16");
        for (Parameter p : mixed.model().namedParameters().values()) {
            assertEquals(torch.ScalarType.Float.value, p.tensor().scalar_type().value, "parameters stay float32");
        }
        assertTrue(!torch.is_autocast_enabled(DeviceType.CPU), "autocast is switched off after the forward pass");

        // Same seed, same batches: the curves start identical up to bf16 rounding and stay close as both learn.
        double first = Math.abs(full.losses().get(0) - mixed.losses().get(0));
        assertTrue(first < 0.02 * full.losses().get(0), "first-step loss differs by " + first);
        double meanGap = 0;
        for (int i = 0; i < full.losses().size(); i++) {
            meanGap += Math.abs(full.losses().get(i) - mixed.losses().get(i)) / full.losses().size();
        }
        double fullEnd = tailMean(full.losses());
        double mixedEnd = tailMean(mixed.losses());
        assertTrue(fullEnd < 0.7 * full.losses().get(0), "float32 run learns: " + fullEnd);
        assertTrue(meanGap < 0.1 * full.losses().get(0), "mean |Δloss| over the curve " + meanGap);
        assertTrue(Math.abs(fullEnd - mixedEnd) < 0.1 * fullEnd + 0.05,
                "final loss float32 " + fullEnd + " vs bf16-mixed " + mixedEnd);
    }

    private static double tailMean(List<Double> xs) {
        return xs.subList(xs.size() - 20, xs.size()).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }
}
