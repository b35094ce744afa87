package org.lmlab.probe.sinks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.ScalarTypeOptional;
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

/** The first-token ablation against losses computed with the ablated pattern written out by hand. */
class BosAblationTest {
    private static final Device CPU = new Device("cpu");
    private static final int T = 6;

    @BeforeAll
    static void init() {
        Torch.init();
    }

    private static Decoder model() {
        Rng.seed(31);
        return new Decoder(new DecoderConfig(7, 8, 2, 2, 16, 16, Norm.Kind.RMSNORM, Mlp.Kind.GELU,
                DecoderConfig.Position.LEARNED, 10000, false, false, 1e-5, 0.3, DecoderConfig.AttentionImpl.AUTO)
                .withAttention(AttentionSpec.defaults()));
    }

    private static List<Batch> batches() {
        Tensor ids = Tensors.longs(new long[] {0, 3, 4, 1, 2, 5, 0, 6, 6, 2, 1, 3}, 2, T);
        Tensor targets = Tensors.longs(new long[] {3, 4, 1, 2, 5, 6, 6, 6, 2, 1, 3, 0}, 2, T);
        return List.of(new Batch(ids, targets));
    }

    /** Active queries: position 3 of every sequence. */
    private static Tensor activeAt3(Tensor ids) {
        Tensor mask = torch.zeros(ids.size(0), ids.size(1)).to(torch.ScalarType.Bool);
        mask.select(1, 3).fill_(Tensors.s(1.0));
        return mask;
    }

    /** Mean cross-entropy over positions 1, 2, 4, 5 (the dormant ones), with whatever hooks are installed. */
    private static double dormantLoss(Decoder m) {
        Batch b = batches().get(0);
        try (NoGrad g = NoGrad.enter()) {
            Tensor logp = m.forward(b.inputs()).log_softmax(-1);
            double[] lp = Tensors.toDoubles(logp.gather(-1, b.targets().unsqueeze(-1)).squeeze(-1));
            double s = 0;
            int n = 0;
            for (int seq = 0; seq < 2; seq++) {
                for (int i : new int[] {1, 2, 4, 5}) {
                    s -= lp[seq * T + i];
                    n++;
                }
            }
            return s / n;
        }
    }

    /** Row i ≥ 1 of a dormant query: weight 1/i on keys 1..i (uniform with the first token removed). */
    private static Tensor handAblatedUniform(Tensor p) {
        double[] rows = new double[T * T];
        for (int i = 0; i < T; i++) {
            for (int j = 0; j <= i; j++) {
                boolean dormant = i >= 1 && i != 3;
                rows[i * T + j] = !dormant ? 1.0 / (i + 1) : j == 0 ? 0 : 1.0 / i;
            }
        }
        return Tensors.doubles(rows, T, T).to(torch.ScalarType.Float).expand(p.size(0), p.size(1), T, T);
    }

    private static Tensor uniform(Tensor p) {
        Tensor u = torch.ones(T, T).tril();
        return u.div(u.sum(new long[] {-1}, true, new ScalarTypeOptional())).expand(p.size(0), p.size(1), T, T);
    }

    @Test
    void removingTheFirstTokenFromUniformAttentionMatchesTheHandWrittenPattern() {
        Decoder m = model();
        double plain;
        double hand;
        try (var h0 = m.hookPoint("blocks.0.attn.pattern", true).replace(BosAblationTest::uniform);
             var h1 = m.hookPoint("blocks.1.attn.pattern", true).replace(BosAblationTest::uniform)) {
            plain = dormantLoss(m);
            BosAblation.Result r = BosAblation.measure(m, batches(), BosAblationTest::activeAt3, CPU);
            assertEquals(8, r.positions());
            assertEquals(plain, r.loss(), 1e-5);
            try (var a0 = m.hookPoint("blocks.0.attn.pattern", true).replace(BosAblationTest::handAblatedUniform);
                 var a1 = m.hookPoint("blocks.1.attn.pattern", true).replace(BosAblationTest::handAblatedUniform)) {
                hand = dormantLoss(m);
            }
            assertEquals(hand, r.ablatedLoss(), 1e-5);
            assertTrue(Math.abs(r.increase()) > 1e-4, "the ablation changes the loss: " + r.increase());
        }
    }

    @Test
    void withEveryQueryActiveNothingIsScoredAndNothingChanges() {
        Decoder m = model();
        BosAblation.Result dormantNone = BosAblation.measure(m, batches(),
                ids -> torch.ones(ids.size(0), ids.size(1)).to(torch.ScalarType.Bool), CPU);
        assertEquals(0, dormantNone.positions());
        Tensor p = torch.rand(2, 2, T, T).tril();
        Tensor none = torch.zeros(2, 1, T, 1);
        assertEquals(0.0, BosAblation.withoutFirst(p, none).sub(p).abs().max().item_double(), 0.0);
    }
}
