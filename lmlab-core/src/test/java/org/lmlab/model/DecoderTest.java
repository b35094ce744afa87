package org.lmlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lmlab.nn.GradCheck;
import org.lmlab.nn.Mlp;
import org.lmlab.nn.Norm;
import org.lmlab.tensor.Dtype;
import org.lmlab.tensor.Hvp;
import org.lmlab.tensor.Rng;
import org.lmlab.tensor.SecondOrder;
import org.lmlab.tensor.Tensors;
import org.lmlab.tensor.Torch;

class DecoderTest {
    @BeforeAll
    static void init() {
        Torch.init();
    }

    private static DecoderConfig tiny(DecoderConfig.AttentionImpl impl) {
        return new DecoderConfig(11, 8, 2, 2, 0, 16, Norm.Kind.RMSNORM, Mlp.Kind.SWIGLU,
                DecoderConfig.Position.ROPE, 10000, false, false, 1e-5, 0.3, impl);
    }

    private static Tensor ids() {
        return Tensors.longs(new long[] {1, 5, 2, 9, 3, 3, 0, 10, 4, 7}, 2, 5);
    }

    @Test
    void fusedAndExplicitAttentionAgree() {
        Rng.seed(3);
        Decoder fused = new Decoder(DecoderConfig.defaults().withAttnImpl(DecoderConfig.AttentionImpl.FUSED));
        Rng.seed(3);
        Decoder explicit = new Decoder(DecoderConfig.defaults().withAttnImpl(DecoderConfig.AttentionImpl.EXPLICIT));
        Tensor x = torch.randint(512, new long[] {2, 64});
        double diff = fused.forward(x).sub(explicit.forward(x)).abs().max().item_double();
        assertTrue(diff < 1e-5, "max |fused − explicit| = " + diff);
    }

    /**
     * The fused kernel has no double backward: a Hessian-vector product through it fails, and inside
     * {@link SecondOrder} the same model takes the explicit path and gives the explicit model's product.
     */
    @Test
    void fusedAttentionIsTwiceDifferentiableInsideSecondOrder() {
        try (PointerScope scope = new PointerScope()) {
            Rng.seed(5);
            Decoder fused = new Decoder(tiny(DecoderConfig.AttentionImpl.FUSED));
            Rng.seed(5);
            Decoder explicit = new Decoder(tiny(DecoderConfig.AttentionImpl.EXPLICIT));
            Tensor targets = Tensors.longs(new long[] {5, 2, 9, 3, 3, 0, 10, 4, 7, 1}, 2, 5);
            List<Tensor> fusedLeaves = fused.parameters().stream().map(p -> p.tensor()).toList();
            List<Tensor> explicitLeaves = explicit.parameters().stream().map(p -> p.tensor()).toList();
            Hvp outside = Hvp.of(fused.loss(ids(), targets), fusedLeaves);
            assertThrows(RuntimeException.class, () -> outside.apply(outside.gradient()));
            Hvp inside;
            try (SecondOrder s = SecondOrder.enter()) {
                inside = Hvp.of(fused.loss(ids(), targets), fusedLeaves);
            }
            assertFalse(SecondOrder.active(), "closing restores the state");
            Hvp reference = Hvp.of(explicit.loss(ids(), targets), explicitLeaves);
            Tensor v = Hvp.flatten(reference.gradient());
            Tensor expected = reference.applyFlat(v);
            double diff = inside.applyFlat(v).sub(expected).abs().max().item_double();
            assertTrue(diff < 1e-5 * expected.abs().max().item_double(), "max |H_fused v − H_explicit v| = " + diff);
        }
    }

    @Test
    void hookingThePatternSwitchesToExplicitWeightsAndCanEditThem() {
        Rng.seed(4);
        Decoder m = new Decoder(tiny(DecoderConfig.AttentionImpl.AUTO));
        Tensor base = m.forward(ids());
        double[] rowSum = new double[1];
        try (var h = m.hookPoint("blocks.0.attn.pattern", true).read(p -> rowSum[0] = p.sum(-1).mean().item_double())) {
            double same = m.forward(ids()).sub(base).abs().max().item_double();
            assertTrue(same < 1e-6, "reading must not change the output: " + same);
        }
        assertEquals(1.0, rowSum[0], 1e-6, "attention rows sum to one");
        try (var h = m.hookPoint("blocks.0.attn.pattern", true).replace(p -> torch.zeros_like(p))) {
            assertTrue(m.forward(ids()).sub(base).abs().max().item_double() > 1e-4, "ablating attention changes logits");
        }
    }

    @Test
    void decoderGradientsMatchFiniteDifferences() {
        for (boolean tied : new boolean[] {false, true}) {
            Rng.seed(5);
            DecoderConfig c = tiny(DecoderConfig.AttentionImpl.FUSED);
            c = new DecoderConfig(c.vocabSize(), c.dModel(), c.nHeads(), c.nLayers(), c.dFf(), c.maxSeqLen(),
                    tied ? Norm.Kind.LAYERNORM : Norm.Kind.RMSNORM, tied ? Mlp.Kind.GELU : Mlp.Kind.SWIGLU,
                    c.position(), c.ropeTheta(), tied, tied, c.normEps(), c.initStd(), c.attnImpl());
            Decoder m = new Decoder(c);
            m.to(Dtype.FLOAT64, new Device("cpu"));
            Tensor targets = Tensors.longs(new long[] {5, 2, -100, 3, 3, 0, 10, 4, -100, 1}, 2, 5);
            Map<String, Tensor> leaves = new LinkedHashMap<>();
            m.namedParameters().forEach((k, p) -> leaves.put(k, p.tensor()));
            GradCheck.check(() -> m.loss(ids(), targets), leaves, 3, 1e-5);
        }
    }

    @Test
    void ropeScoresDependOnlyOnRelativePosition() {
        Rope rope = new Rope(8, 32, 10000);
        Tensor q = torch.randn(1, 1, 1, 8).to(torch.ScalarType.Double);
        Tensor k = torch.randn(1, 1, 1, 8).to(torch.ScalarType.Double);
        double a = rope.apply(q, 3).mul(rope.apply(k, 1)).sum().item_double();
        double b = rope.apply(q, 20).mul(rope.apply(k, 18)).sum().item_double();
        assertEquals(a, b, 1e-12);
        assertEquals(q.norm().item_double(), rope.apply(q, 7).norm().item_double(), 1e-12, "rotation keeps norms");
    }

    @Test
    void causalityFutureTokensDoNotChangePastLogits() {
        Rng.seed(6);
        Decoder m = new Decoder(tiny(DecoderConfig.AttentionImpl.FUSED));
        Tensor a = Tensors.longs(new long[] {1, 2, 3, 4}, 1, 4);
        Tensor b = Tensors.longs(new long[] {1, 2, 3, 9}, 1, 4);
        double d = Tensors.slice(m.forward(a).sub(m.forward(b)), 1, 0, 3).abs().max().item_double();
        assertEquals(0.0, d, 1e-6);
    }

    @Test
    void sameSeedSameWeights() {
        Rng.seed(9);
        Decoder a = new Decoder(tiny(DecoderConfig.AttentionImpl.AUTO));
        Rng.seed(9);
        Decoder b = new Decoder(tiny(DecoderConfig.AttentionImpl.AUTO));
        a.namedParameters().forEach((k, p) -> assertTrue(p.tensor().equal(b.namedParameters().get(k).tensor()), k));
    }
}
