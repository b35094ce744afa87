package org.lmlab.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.lmlab.config.Configs;
import org.lmlab.model.Decoder;
import org.lmlab.model.DecoderConfig;
import org.lmlab.nn.Mlp;
import org.lmlab.nn.Norm;
import org.lmlab.nn.Parameter;
import org.lmlab.run.MetricsLog;
import org.lmlab.run.RunDir;
import org.lmlab.task.Batch;
import org.lmlab.task.ModularAddition;
import org.lmlab.tensor.NoGrad;
import org.lmlab.tensor.Rng;
import org.lmlab.tensor.Tensors;
import org.lmlab.tensor.Torch;
import org.lmlab.train.TrainConfig;
import org.lmlab.train.Trainer;

/** Every optimizer of the zoo, on a small Llama-shaped decoder (d 64, 2 layers) learning modular addition. */
class ZooTrainingTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void init() {
        Torch.init();
    }

    private static final ModularAddition TASK = new ModularAddition(5, 1.0, 1);

    private static DecoderConfig model() {
        return new DecoderConfig(TASK.vocabSize(), 64, 4, 2, 0, 8, Norm.Kind.RMSNORM, Mlp.Kind.SWIGLU,
                DecoderConfig.Position.ROPE, 10000, false, false, 1e-5, 0.02, DecoderConfig.AttentionImpl.AUTO);
    }

    /**
     * Sixty steps through the Trainer at the optimizer's recommended settings (warmup 5, then constant): no
     * divergence (the trainer would throw), and the loss of the last five steps is clearly below the first
     * steps' by 0.2 nats (ln 6 ≈ 1.79 at the start; the 25 sums of a + b mod 5 can be memorized).
     */
    @ParameterizedTest
    @EnumSource(value = OptimConfig.Kind.class, names = "SGD", mode = EnumSource.Mode.EXCLUDE)
    void trainsWithoutDivergingAndLowersTheLoss(OptimConfig.Kind kind) throws Exception {
        OptimConfig oc = OptimConfig.defaults(kind).withSchedule(Schedule.Kind.LINEAR_WARMUP, 5, 1.0, 0);
        Rng.seed(0);
        Decoder m = new Decoder(model());
        TrainConfig tc = new TrainConfig(60, 64, 1, 0, 1, 0, 1, 1000);
        new Trainer(m, TASK, oc.build(m.namedParameters(), 0), oc.schedule(tc.steps()), oc.lr(), tc,
                RunDir.create(tmp, kind.name().toLowerCase()), new Device("cpu")).run();
        List<Double> losses = new ArrayList<>();
        for (Map<String, Object> row : MetricsLog.read(tmp.resolve(kind.name().toLowerCase()).resolve("metrics.jsonl"))) {
            if ("train".equals(row.get("split"))) {
                losses.add(((Number) row.get("loss")).doubleValue());
            }
        }
        double first = losses.subList(0, 3).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double last = losses.subList(55, 60).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        assertTrue(losses.stream().allMatch(Double::isFinite), kind + ": " + losses);
        assertTrue(last < first - 0.2, kind + ": loss " + first + " → " + last + " " + losses);
    }

    /**
     * Six steps, export, six more; a fresh model and optimizer loaded from the export must take the same six steps
     * bit for bit — step counters, Kron's update counters and the seeded random draws included (Kron here fits
     * every other step, Soap refreshes its bases and Sophia estimates the Hessian at step 10).
     */
    @ParameterizedTest
    @EnumSource(value = OptimConfig.Kind.class, names = "SGD", mode = EnumSource.Mode.EXCLUDE)
    void aFreshOptimizerImportedFromTheExportContinuesBitIdentically(OptimConfig.Kind kind) {
        OptimConfig oc = Configs.withOverrides(OptimConfig.defaults(kind),
                List.of("update_probability_flat_steps=0", "update_probability=0.3"));
        Rng.seed(0);
        Decoder a = new Decoder(model());
        Optimizer optA = oc.build(a.namedParameters(), 9);
        train(a, optA, 0, 6);
        Map<String, Tensor> exported = optA.exportState();
        Map<String, Tensor> weights = copy(a);
        train(a, optA, 6, 12);

        Rng.seed(1);
        Decoder b = new Decoder(model());
        try (NoGrad g = NoGrad.enter()) {
            b.namedParameters().forEach((k, p) -> p.tensor().copy_(weights.get(k)));
        }
        Optimizer optB = oc.build(b.namedParameters(), 9);
        optB.importState(exported, 6);
        train(b, optB, 6, 12);
        for (Map.Entry<String, Parameter> e : a.namedParameters().entrySet()) {
            assertTrue(e.getValue().tensor().equal(b.namedParameters().get(e.getKey()).tensor()),
                    kind + ": " + e.getKey() + " differs after import");
        }
        Map<String, Tensor> sa = optA.exportState();
        Map<String, Tensor> sb = optB.exportState();
        assertEquals(sa.keySet(), sb.keySet());
        sa.forEach((k, v) -> assertTrue(v.equal(sb.get(k)), kind + ": state " + k + " differs"));
    }

    private static Map<String, Tensor> copy(Decoder m) {
        Map<String, Tensor> out = new java.util.LinkedHashMap<>();
        m.namedParameters().forEach((k, p) -> out.put(k, p.tensor().detach().clone()));
        return out;
    }

    private static void train(Decoder m, Optimizer opt, int from, int to) {
        for (int step = from; step < to; step++) {
            Batch batch = TASK.trainBatch(step, 32);
            try (PointerScope scope = new PointerScope()) {
                opt.setLearningRate(opt.learningRate());
                opt.step(LossClosure.of(() -> m.loss(batch.inputs(), batch.targets())));
            }
        }
    }
}
