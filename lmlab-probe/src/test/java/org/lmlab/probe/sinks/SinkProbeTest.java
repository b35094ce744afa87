package org.lmlab.probe.sinks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lmlab.model.AttentionSpec;
import org.lmlab.model.Decoder;
import org.lmlab.model.DecoderConfig;
import org.lmlab.nn.Mlp;
import org.lmlab.nn.Norm;
import org.lmlab.task.Batch;
import org.lmlab.tensor.NoGrad;
import org.lmlab.tensor.Rng;
import org.lmlab.tensor.Tensors;
import org.lmlab.tensor.Torch;

/** Sink measures on attention patterns forced through the pattern hook, against hand-computed values. */
class SinkProbeTest {
    private static final Device CPU = new Device("cpu");
    private static final int T = 6;

    @BeforeAll
    static void init() {
        Torch.init();
    }

    private static Decoder model(AttentionSpec a) {
        Rng.seed(31);
        return new Decoder(new DecoderConfig(7, 8, 2, 2, 16, 16, Norm.Kind.RMSNORM, Mlp.Kind.GELU,
                DecoderConfig.Position.ROPE, 10000, false, false, 1e-5, 0.3, DecoderConfig.AttentionImpl.AUTO, a, null, null));
    }

    private static List<Batch> batches() {
        Tensor ids = Tensors.longs(new long[] {0, 3, 4, 1, 2, 5, 0, 6, 6, 2, 1, 3}, 2, T);
        return List.of(new Batch(ids, ids));
    }

    /** Future-masked pattern with every query's weight on the first token. */
    private static Tensor allOnFirst(Tensor p) {
        Tensor out = torch.zeros_like(p);
        out.select(-1, 0).fill_(Tensors.s(1.0));
        return out;
    }

    @Test
    void allWeightOnTheFirstTokenIsAFullSink() {
        Decoder m = model(AttentionSpec.defaults());
        try (var h = m.hookPoint("blocks.0.attn.pattern", true).replace(SinkProbeTest::allOnFirst)) {
            SinkStats s = SinkProbe.measure(m, batches(), null, CPU);
            assertEquals(1.0, s.bosMass()[0][0], 1e-6);
            assertEquals(1.0, s.bosMass()[0][1], 1e-6);
            // excess: mean over i = 1..5 of 1 − 1/(i+1)
            double excess = 0;
            for (int i = 1; i < T; i++) {
                excess += 1 - 1.0 / (i + 1);
            }
            assertEquals(excess / (T - 1), s.bosExcess()[0][0], 1e-6);
            // z_i = v_0, so the first token's share of the output is exactly 1.
            assertEquals(1.0, s.contribution()[0][1], 1e-5);
            assertTrue(s.bosMass()[1][0] < 0.99, "layer 1 is untouched: " + s.bosMass()[1][0]);
        }
    }

    @Test
    void uniformAttentionHasNoExcessAndTheValueDrainMatchesTheValues() {
        Decoder m = model(AttentionSpec.defaults());
        Tensor uniform = torch.ones(T, T).tril();
        Tensor rows = uniform.div(uniform.sum(new long[] {-1}, true, new org.bytedeco.pytorch.ScalarTypeOptional()));
        double[] drain = new double[1];
        try (var h = m.hookPoint("blocks.1.attn.pattern", true).replace(p -> rows.expand(p.size(0), p.size(1), T, T));
             var v = m.hookPoint("blocks.1.attn.v", true).read(x -> {
                 try (NoGrad g = NoGrad.enter()) {
                     Tensor n = x.pow(Tensors.s(2.0)).sum(new long[] {-1}, false, new org.bytedeco.pytorch.ScalarTypeOptional()).sqrt();
                     // head 0: ‖v_0‖ summed over the batch / mean_{j≥1} ‖v_j‖ summed over the batch
                     Tensor h0 = n.select(1, 0);
                     drain[0] = h0.select(1, 0).sum().item_double()
                             / Tensors.slice(h0, 1, 1, T).mean(new long[] {1}, false, new org.bytedeco.pytorch.ScalarTypeOptional()).sum().item_double();
                 }
             })) {
            SinkStats s = SinkProbe.measure(m, batches(), null, CPU);
            assertEquals(0.0, s.bosExcess()[1][0], 1e-6);
            double mass = 0;
            for (int i = 1; i < T; i++) {
                mass += 1.0 / (i + 1);
            }
            assertEquals(mass / (T - 1), s.bosMass()[1][1], 1e-6);
            assertEquals(drain[0], s.valueDrain()[1][0], 1e-6);
        }
    }

    @Test
    void activeMaskSplitsDormantAndActiveQueriesAndGatesAreRead() {
        Decoder m = model(AttentionSpec.of(AttentionSpec.Kind.GATED));
        // Active queries: positions 2 and 4 of every sequence.
        java.util.function.Function<Tensor, Tensor> active = ids -> {
            Tensor mask = torch.zeros(ids.size(0), ids.size(1)).to(torch.ScalarType.Bool);
            mask.select(1, 2).fill_(Tensors.s(1.0));
            mask.select(1, 4).fill_(Tensors.s(1.0));
            return mask;
        };
        try (var h = m.hookPoint("blocks.0.attn.pattern", true).replace(SinkProbeTest::allOnFirst)) {
            SinkStats s = SinkProbe.measure(m, batches(), active, CPU);
            // Every query's z is v_0, so dormant and active output norms are equal.
            assertEquals(1.0, s.dormantOutput()[0][0], 1e-5);
            double g = s.gateMean()[0][0];
            assertTrue(g > 0 && g < 1, "sigmoid gate scores: " + g);
            assertEquals(1.0, java.util.Arrays.stream(s.gateHistogram()).sum(), 1e-9);
        }
    }

    @Test
    void fakeQuantRoundsToTheGridAndRestoresTheWeights() {
        Tensor x = Tensors.floats(new float[] {1f, -0.6f, 0.25f, 0.1f}, 1, 4);
        double[] q = Tensors.toDoubles(FakeQuant.quantize(x, 4));
        // s = 1/7: x/s = 7, −4.2, 1.75, 0.7 → 7, −4, 2, 1
        double s = 1.0 / 7;
        double[] want = {1, -4 * s, 2 * s, s};
        for (int i = 0; i < 4; i++) {
            assertEquals(want[i], q[i], 1e-6);
        }
        Decoder m = model(AttentionSpec.defaults());
        Tensor before = m.namedParameters().get("blocks.0.attn.qkv.weight").tensor().detach().clone();
        Tensor ids = batches().get(0).inputs();
        try (NoGrad g = NoGrad.enter()) {
            Tensor plain = m.forward(ids);
            try (FakeQuant fq = FakeQuant.apply(m, 4, 4)) {
                assertTrue(m.forward(ids).sub(plain).abs().max().item_double() > 1e-3, "quantization changes logits");
            }
            assertTrue(before.equal(m.namedParameters().get("blocks.0.attn.qkv.weight").tensor()));
            assertEquals(0.0, m.forward(ids).sub(plain).abs().max().item_double(), 0.0);
        }
    }
}
