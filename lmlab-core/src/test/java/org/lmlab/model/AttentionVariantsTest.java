package org.lmlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lmlab.config.Configs;
import org.lmlab.model.AttentionSpec.GateActivation;
import org.lmlab.model.AttentionSpec.GateGranularity;
import org.lmlab.model.AttentionSpec.GatePosition;
import org.lmlab.model.AttentionSpec.Kind;
import org.lmlab.nn.GatedRMSNorm;
import org.lmlab.nn.GradCheck;
import org.lmlab.nn.Mlp;
import org.lmlab.nn.Norm;
import org.lmlab.tensor.Dtype;
import org.lmlab.tensor.NoGrad;
import org.lmlab.tensor.Rng;
import org.lmlab.tensor.Tensors;
import org.lmlab.tensor.Torch;

/** Gated, sigmoid, sink and clipped attention against references written out independently here. */
class AttentionVariantsTest {
    private static final Device CPU = new Device("cpu");
    private static final long D = 8;
    private static final long H = 2;
    private static final long DH = 4;

    @BeforeAll
    static void init() {
        Torch.init();
    }

    private static DecoderConfig config(AttentionSpec a) {
        return new DecoderConfig(9, (int) D, (int) H, 1, 16, 16, Norm.Kind.RMSNORM, Mlp.Kind.GELU,
                DecoderConfig.Position.NONE, 10000, false, false, 1e-5, 0.4, DecoderConfig.AttentionImpl.AUTO, a, null, null);
    }

    private static <A extends Attention> A build(A a) {
        a.to(Dtype.FLOAT64, CPU);
        return a;
    }

    private static Tensor w(Attention a, String name) {
        return a.namedParameters().get(name).tensor();
    }

    /** [B, T, H·d_h] → [B, H, T, d_h]. */
    private static Tensor heads(Tensor y) {
        return y.view(y.size(0), y.size(1), H, DH).transpose(1, 2);
    }

    private static Tensor merge(Tensor z) {
        return z.transpose(1, 2).reshape(z.size(0), z.size(2), H * DH);
    }

    /** Softmax or custom weights over plain scaled logits, written out without the layer's code. */
    private static Tensor reference(Attention a, Tensor x, GatePosition pos, Tensor gate, boolean additive) {
        Tensor qkv = x.matmul(w(a, "qkv.weight").t());
        Tensor q = heads(Tensors.slice(qkv, -1, 0, D));
        Tensor k = heads(Tensors.slice(qkv, -1, D, 2 * D));
        Tensor v = heads(Tensors.slice(qkv, -1, 2 * D, 3 * D));
        java.util.function.BinaryOperator<Tensor> g = (y, s) -> additive ? y.add(s) : y.mul(s);
        if (pos == GatePosition.G2) {
            v = g.apply(v, gate);
        } else if (pos == GatePosition.G3) {
            k = g.apply(k, gate);
        } else if (pos == GatePosition.G4) {
            q = g.apply(q, gate);
        }
        long t = x.size(1);
        Tensor logits = q.matmul(k.transpose(-2, -1)).div(Tensors.s(Math.sqrt(DH)));
        Tensor mask = torch.ones(t, t).triu(1).to(torch.ScalarType.Bool);
        Tensor z = logits.masked_fill(mask, Tensors.s(Double.NEGATIVE_INFINITY)).softmax(-1).matmul(v);
        if (pos == GatePosition.G1) {
            z = g.apply(z, gate);
        }
        Tensor out = merge(z).matmul(w(a, "o.weight").t());
        if (pos == GatePosition.G5) {
            out = merge(g.apply(heads(out), gate));
        }
        return out;
    }

    @Test
    void gatedAttentionMatchesTheFormulaAtEveryPosition() {
        Rng.seed(21);
        Tensor x = torch.randn(2, 5, D).to(torch.ScalarType.Double);
        for (GatePosition pos : GatePosition.values()) {
            for (GateGranularity gran : GateGranularity.values()) {
                for (GateActivation act : GateActivation.values()) {
                    for (boolean additive : new boolean[] {false, true}) {
                        AttentionSpec spec = AttentionSpec.defaults().withGate(pos, gran).withGateActivation(act, additive);
                        GatedAttention a = build(new GatedAttention(config(spec), null));
                        Tensor pre = x.matmul(w(a, "gate.weight").t());
                        Tensor s = act == GateActivation.SIGMOID ? torch.sigmoid(pre) : pre.mul(torch.sigmoid(pre));
                        Tensor gate = gran == GateGranularity.HEADWISE ? s.transpose(1, 2).unsqueeze(-1) : heads(s);
                        try (NoGrad ng = NoGrad.enter()) {
                            double d = a.forward(x).sub(reference(a, x, pos, gate, additive)).abs().max().item_double();
                            assertTrue(d < 1e-12, spec + ": " + d);
                        }
                    }
                }
            }
        }
    }

    @Test
    void gateScoresAreExposedAtTheirHookPoint() {
        Rng.seed(22);
        GatedAttention a = build(new GatedAttention(config(AttentionSpec.of(Kind.GATED)), null));
        long[][] shape = new long[1][];
        try (var h = a.hookPoint("gate_scores", true).read(g -> shape[0] = Tensors.shape(g))) {
            a.forward(torch.randn(3, 5, D).to(torch.ScalarType.Double));
        }
        assertEquals(List.of(3L, H, 5L, 1L), java.util.Arrays.stream(shape[0]).boxed().toList());
    }

    @Test
    void sinkWithAVeryNegativeLogitIsSoftmaxAndAVeryLargeOneSilencesTheHead() {
        Rng.seed(23);
        SinkAttention a = build(new SinkAttention(config(AttentionSpec.of(Kind.SINK)), null));
        Tensor x = torch.randn(2, 6, D).to(torch.ScalarType.Double);
        try (NoGrad ng = NoGrad.enter()) {
            Tensor softmax = reference(a, x, null, null, false);
            w(a, "sink_logit").fill_(Tensors.s(-1e4));
            assertTrue(a.forward(x).sub(softmax).abs().max().item_double() < 1e-12);
            // The sink's value vector is exactly zero: all weight on the sink leaves nothing (up to e^−60).
            w(a, "sink_logit").fill_(Tensors.s(60.0));
            assertTrue(a.forward(x).abs().max().item_double() < 1e-20);
            // In between: the real-token weights are the softmax weights scaled by 1 − p, p = e^s / (Σ e^l + e^s).
            w(a, "sink_logit").fill_(Tensors.s(0.5));
            double[] p = new double[1];
            double[] rows = new double[1];
            try (var h1 = a.hookPoint("sink", true).read(s -> p[0] = s.select(2, 0).select(1, 0).select(0, 0).item_double());
                 var h2 = a.hookPoint("pattern", true).read(s -> rows[0] = s.select(2, 0).select(1, 0).select(0, 0)
                         .sum().item_double())) {
                a.forward(x);
            }
            // Query 0 sees only itself: p = e^0.5 / (e^l00 + e^0.5), and its one weight is 1 − p.
            assertEquals(1.0, p[0] + rows[0], 1e-12);
            assertTrue(p[0] > 0 && p[0] < 1);
        }
    }

    @Test
    void sigmoidAttentionWeightsAreUnnormalizedSigmoids() {
        Rng.seed(24);
        SigmoidAttention a = build(new SigmoidAttention(config(AttentionSpec.of(Kind.SIGMOID)), null));
        double b = w(a, "bias").view(-1).select(0, 0).item_double();
        assertEquals(-Math.log(16), b, 1e-6, "initialized at −log T_max (in float32)");
        Tensor logits = Tensors.doubles(new double[] {0.3, Double.NEGATIVE_INFINITY, 2.0, -1.0}, 1, 1, 2, 2)
                .expand(1, H, 2, 2);
        double[] got = Tensors.toDoubles(a.weights(logits).select(1, 0));
        double[] want = {sig(0.3 + b), 0, sig(2.0 + b), sig(-1.0 + b)};
        for (int i = 0; i < 4; i++) {
            assertEquals(want[i], got[i], 1e-15);
        }
    }

    private static double sig(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    @Test
    void clippingCapsTheFirstTokensLogitAtTheLargestOther() {
        ClippedAttention a = build(new ClippedAttention(config(AttentionSpec.of(Kind.CLIPPED)), null));
        double ninf = Double.NEGATIVE_INFINITY;
        // Row 0: only BOS, untouched. Row 1: BOS 5 > 1 → clipped to 1. Row 2: BOS 0 < max(2, −1) → unchanged.
        Tensor logits = Tensors.doubles(new double[] {5, ninf, ninf, 5, 1, ninf, 0, 2, -1}, 1, 1, 3, 3);
        double[] got = Tensors.toDoubles(a.weights(logits));
        assertEquals(1.0, got[0], 1e-15);
        assertEquals(0.5, got[3], 1e-15);
        assertEquals(0.5, got[4], 1e-15);
        double z = Math.exp(0) + Math.exp(2) + Math.exp(-1);
        assertEquals(Math.exp(0) / z, got[6], 1e-15);
        assertEquals(Math.exp(2) / z, got[7], 1e-15);
    }

    @Test
    void everyVariantHasFiniteDifferenceGradients() {
        for (AttentionSpec spec : new AttentionSpec[] {AttentionSpec.of(Kind.GATED),
                AttentionSpec.defaults().withGate(GatePosition.G1, GateGranularity.ELEMENTWISE),
                AttentionSpec.of(Kind.SIGMOID), AttentionSpec.of(Kind.SINK), AttentionSpec.of(Kind.CLIPPED),
                AttentionSpec.of(Kind.SOFTMAX).withGatedNorm(true)}) {
            Rng.seed(25);
            Decoder m = new Decoder(config(spec));
            m.to(Dtype.FLOAT64, CPU);
            Tensor ids = Tensors.longs(new long[] {1, 4, 2, 2, 7, 3, 0, 5}, 1, 8);
            Tensor targets = Tensors.longs(new long[] {4, 2, 2, 7, 3, 0, 5, 6}, 1, 8);
            Map<String, Tensor> leaves = new LinkedHashMap<>();
            m.namedParameters().forEach((name, p) -> {
                if (name.startsWith("blocks.0.attn") || name.startsWith("blocks.0.norm1")) {
                    leaves.put(name, p.tensor());
                }
            });
            GradCheck.check(() -> m.loss(ids, targets), leaves, 3, 1e-5);
        }
    }

    @Test
    void gatedRmsNormIsNormTimesLowRankSigmoidGate() {
        Rng.seed(26);
        GatedRMSNorm n = new GatedRMSNorm(6, 2, 1e-5, 0.5);
        n.to(Dtype.FLOAT64, CPU);
        n.namedParameters().values().forEach(p -> p.tensor().detach().normal_());
        Tensor x = torch.randn(3, 6).to(torch.ScalarType.Double);
        Map<String, org.lmlab.nn.Parameter> p = n.namedParameters();
        Tensor rms = x.pow(Tensors.s(2.0)).mean(new long[] {-1}, true, new org.bytedeco.pytorch.ScalarTypeOptional()).add(Tensors.s(1e-5)).sqrt();
        Tensor gate = torch.sigmoid(x.matmul(p.get("gate_down.weight").tensor().t()).matmul(p.get("gate_up.weight").tensor().t()));
        Tensor want = x.div(rms).mul(p.get("norm.weight").tensor()).mul(gate);
        assertTrue(n.forward(x).sub(want).abs().max().item_double() < 1e-12);
    }

    @Test
    void fusedAndExplicitAgreeForGatedAttention() {
        DecoderConfig c = DecoderConfig.defaults().withAttention(AttentionSpec.of(Kind.GATED));
        Rng.seed(27);
        Decoder fused = new Decoder(c.withAttnImpl(DecoderConfig.AttentionImpl.FUSED));
        Rng.seed(27);
        Decoder explicit = new Decoder(c.withAttnImpl(DecoderConfig.AttentionImpl.EXPLICIT));
        Tensor ids = torch.randint(512, new long[] {2, 32});
        try (NoGrad ng = NoGrad.enter()) {
            double d = fused.forward(ids).sub(explicit.forward(ids)).abs().max().item_double();
            assertTrue(d < 1e-5, "max |fused − explicit| = " + d);
        }
    }

    @Test
    void attentionKindIsAConfigValue() {
        DecoderConfig c = Configs.withOverrides(DecoderConfig.defaults(),
                List.of("attention.kind=gated", "attention.gate_granularity=elementwise", "position=none"));
        assertEquals(Kind.GATED, c.attention().kind());
        assertEquals(GateGranularity.ELEMENTWISE, c.attention().gateGranularity());
        assertTrue(new Decoder(c.withAttention(c.attention().withKind(Kind.PATH))).blocks().get(0).attention()
                instanceof PathAttention);
        assertTrue(!c.llamaShaped());
    }
}
