package org.lmlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmlab.model.Decoder;
import org.lmlab.model.FeedForwardSpec;
import org.lmlab.model.moe.LoadBalancingLoss;
import org.lmlab.nn.HookPoint;
import org.lmlab.nn.Parameter;
import org.lmlab.optim.OptimConfig;
import org.lmlab.run.RunDir;
import org.lmlab.task.Batch;
import org.lmlab.task.ModularAddition;
import org.lmlab.tensor.Dtype;
import org.lmlab.tensor.Rng;
import org.lmlab.tensor.Torch;

/**
 * The trainer's step gradient with MoE layers equals the gradient of mean cross-entropy + the balance loss computed
 * by hand: per micro-batch under micro-batch scope, over the whole step under global scope.
 */
class AuxiliaryLossTrainingTest {
    private static final int E = 4;
    private static final int K = 2;
    private static final int ACCUM = 4;
    private static final double ALPHA = 0.5;

    @TempDir
    Path tmp;

    @Test
    void stepGradientIncludesTheBalanceLossOfItsScope() throws Exception {
        for (FeedForwardSpec.BalanceScope scope : FeedForwardSpec.BalanceScope.values()) {
            Torch.init();
            Rng.seed(4);
            ModularAddition task = new ModularAddition(11, 1.0, 4);
            FeedForwardSpec ffn = FeedForwardSpec.moe(E, K, 8, ALPHA, scope, 0);
            Decoder model = new Decoder(Fixtures.tinyModel(task.vocabSize()).withFfn(ffn));
            model.to(Dtype.FLOAT64, Fixtures.CPU);
            OptimConfig oc = Fixtures.optim(1e-3);
            TrainConfig tc = new TrainConfig(1, 8, ACCUM, 0, 1, 0, 1, 1000);
            Trainer t = new Trainer(model, task, oc.build(model.namedParameters()), oc.schedule(1), oc.lr(), tc,
                    RunDir.create(tmp, "aux-" + scope), Fixtures.CPU);
            Method accumulate = Trainer.class.getDeclaredMethod("accumulate", long.class, boolean.class);
            accumulate.setAccessible(true);
            model.zeroGrad();
            double trainerLoss = ((Tensor) accumulate.invoke(t, 0L, true)).item_double();
            List<Tensor> trainerGrads = grads(model);

            model.zeroGrad();
            Tensor ref = reference(model, task, scope);
            ref.backward();
            List<Tensor> refGrads = grads(model);
            assertEquals(ref.item_double(), trainerLoss, 1e-12, scope.toString());
            for (int i = 0; i < refGrads.size(); i++) {
                assertTrue(refGrads.get(i).allclose(trainerGrads.get(i), 1e-9, 1e-12, false), scope + " grad " + i);
            }
        }
    }

    /** mean_j CE_j + LBL, with f per micro-batch (micro scope) or over all micro-batches (global scope). */
    private static Tensor reference(Decoder model, ModularAddition task, FeedForwardSpec.BalanceScope scope) {
        HookPoint router = model.hookPoint("blocks.0.moe.router_logits", true);
        List<Tensor> logits = new ArrayList<>();
        Tensor ce = null;
        try (var h = router.read(x -> logits.add(x.reshape(-1, E)))) {
            for (int j = 0; j < ACCUM; j++) {
                Batch b = task.trainBatch(j, 8);
                Tensor l = model.loss(b.inputs(), b.targets()).div(new org.bytedeco.pytorch.Scalar((double) ACCUM));
                ce = ce == null ? l : ce.add(l);
            }
        }
        Tensor lbl = null;
        if (scope == FeedForwardSpec.BalanceScope.GLOBAL) {
            Tensor all = torch.cat(new TensorVector(logits.toArray(Tensor[]::new)));
            lbl = LoadBalancingLoss.of(ALPHA, counts(all), all.size(0), K, all.softmax(-1).mean(0));
        } else {
            for (Tensor l : logits) {
                Tensor one = LoadBalancingLoss.of(ALPHA, counts(l), l.size(0), K, l.softmax(-1).mean(0))
                        .div(new org.bytedeco.pytorch.Scalar((double) ACCUM));
                lbl = lbl == null ? one : lbl.add(one);
            }
        }
        return ce.add(lbl);
    }

    private static Tensor counts(Tensor logits) {
        return torch.bincount(logits.softmax(-1).topk(K, -1, true, true).get1().reshape(-1), new TensorOptional(), E);
    }

    private static List<Tensor> grads(Decoder model) {
        List<Tensor> out = new ArrayList<>();
        for (Map.Entry<String, Parameter> e : model.namedParameters().entrySet()) {
            out.add(e.getValue().grad().clone());
        }
        return out;
    }
}
