package org.lmlab.model.moe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lmlab.model.Decoder;
import org.lmlab.model.DecoderConfig;
import org.lmlab.model.FeedForwardSpec;
import org.lmlab.nn.GradCheck;
import org.lmlab.nn.Mlp;
import org.lmlab.nn.Norm;
import org.lmlab.tensor.Dtype;
import org.lmlab.tensor.Rng;
import org.lmlab.tensor.Tensors;
import org.lmlab.tensor.Torch;

/** The sparse-dispatch MoE against a per-token dense reference, finite differences, and its aux reporting. */
class MoeFeedForwardTest {
    private static final Device CPU = new Device("cpu");

    @BeforeAll
    static void init() {
        Torch.init();
    }

    private static Decoder model(Mlp.Kind kind, double zLoss) {
        Rng.seed(5);
        FeedForwardSpec ffn = new FeedForwardSpec(FeedForwardSpec.Kind.MOE, 4, 2, 6, 0.1,
                FeedForwardSpec.BalanceScope.GLOBAL, 0, zLoss);
        DecoderConfig c = new DecoderConfig(10, 8, 2, 1, 0, 8, Norm.Kind.RMSNORM, kind, DecoderConfig.Position.ROPE,
                10000, false, false, 1e-5, 0.3, DecoderConfig.AttentionImpl.AUTO).withFfn(ffn);
        Decoder d = new Decoder(c);
        d.to(Dtype.FLOAT64, CPU);
        return d;
    }

    private static MoeFeedForward moe(Decoder d) {
        return (MoeFeedForward) d.blocks().get(0).feedForward();
    }

    @Test
    void forwardMatchesPerTokenReference() {
        for (Mlp.Kind kind : Mlp.Kind.values()) {
            MoeFeedForward m = moe(model(kind, 0));
            Tensor x = torch.randn(new long[] {2, 3, 8}).to(torch.ScalarType.Double);
            Tensor y = m.forward(x).reshape(-1, 8);
            Tensor flat = x.reshape(-1, 8);
            Map<String, Tensor> p = new LinkedHashMap<>();
            m.namedParameters().forEach((k, v) -> p.put(k, v.tensor().detach()));
            for (int t = 0; t < 6; t++) {
                Tensor xt = flat.select(0, t);
                double[] probs = Tensors.toDoubles(p.get("router.weight").matmul(xt).softmax(0));
                int first = argmax(probs, -1);
                int second = argmax(probs, first);
                Tensor ref = torch.zeros(new long[] {8}).to(torch.ScalarType.Double);
                for (int e : new int[] {first, second}) {
                    Tensor h = p.get("experts_in").select(0, e).matmul(xt);
                    Tensor act = kind == Mlp.Kind.SWIGLU
                            ? torch.silu(Tensors.slice(h, 0, 0, 6)).mul(Tensors.slice(h, 0, 6, 12))
                            : torch.gelu(h);
                    ref = ref.add(p.get("experts_down").select(0, e).matmul(act).mul(Tensors.s(probs[e])));
                }
                assertTrue(ref.allclose(y.select(0, t), 1e-10, 1e-12, false), kind + " token " + t);
            }
        }
    }

    private static int argmax(double[] v, int skip) {
        int best = -1;
        for (int i = 0; i < v.length; i++) {
            if (i != skip && (best < 0 || v[i] > v[best])) {
                best = i;
            }
        }
        return best;
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        MoeFeedForward m = moe(model(Mlp.Kind.SWIGLU, 0));
        Tensor x = torch.randn(new long[] {2, 3, 8}).to(torch.ScalarType.Double).requires_grad_(true);
        Tensor r = torch.randn(new long[] {2, 3, 8}).to(torch.ScalarType.Double);
        Map<String, Tensor> leaves = new LinkedHashMap<>();
        m.namedParameters().forEach((k, v) -> leaves.put(k, v.tensor()));
        leaves.put("input", x);
        GradCheck.check(() -> m.forward(x).mul(r).sum(), leaves, 6, 1e-5);
    }

    @Test
    void reportsCountsAndZLossOnlyDuringAStep() {
        Decoder d = model(Mlp.Kind.SWIGLU, 0.01);
        MoeFeedForward m = moe(d);
        Tensor x = torch.randn(new long[] {2, 5, 8}).to(torch.ScalarType.Double);
        m.forward(x);
        assertEquals(null, d.auxiliaryLosses().endMicroBatch(), "nothing is recorded outside a step");
        d.auxiliaryLosses().beginStep(1);
        m.forward(x);
        Tensor aux = d.auxiliaryLosses().endMicroBatch();
        d.auxiliaryLosses().endStep();
        Tensor logits = torch.linear(x, m.router().weight().tensor()).reshape(-1, 4);
        double z = 0.01 * torch.logsumexp(logits, new long[] {-1}, false).pow(Tensors.s(2.0)).mean().item_double();
        Tensor probs = logits.softmax(-1);
        Tensor counts = torch.bincount(probs.topk(2, -1, true, true).get1().reshape(-1),
                new org.bytedeco.pytorch.TensorOptional(), 4);
        assertEquals(20, counts.sum().item_long(), "K·T assignments");
        double lbl = LoadBalancingLoss.of(0.1, counts, 10, 2, probs.mean(0)).item_double();
        assertEquals(z + lbl, aux.item_double(), 1e-12);
    }
}
