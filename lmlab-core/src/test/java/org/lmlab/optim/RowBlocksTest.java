package org.lmlab.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lmlab.model.Decoder;
import org.lmlab.model.DecoderConfig;
import org.lmlab.nn.Parameter;
import org.lmlab.nn.Role;
import org.lmlab.nn.RowBlock;
import org.lmlab.tensor.Rng;
import org.lmlab.tensor.Tensors;
import org.lmlab.tensor.Torch;

/** Fused weights are treated as the separate matrices their layer declares ({@link RowBlock}). */
class RowBlocksTest {
    @BeforeAll
    static void init() {
        Torch.init();
    }

    @Test
    void theDecoderDeclaresItsFusedProjections() {
        Rng.seed(0);
        DecoderConfig c = DecoderConfig.defaults();
        Map<String, Parameter> ps = new Decoder(c).namedParameters();
        assertEquals(List.of(new RowBlock("q", 256, 64), new RowBlock("k", 256, 64), RowBlock.of("v", 256)),
                ps.get("blocks.0.attn.qkv.weight").blocks());
        assertEquals(List.of(RowBlock.of("gate", c.ffWidth()), RowBlock.of("up", c.ffWidth())),
                ps.get("blocks.0.mlp.gate_up.weight").blocks());
        assertEquals(List.of(RowBlock.of("", 256)), ps.get("blocks.0.attn.o.weight").blocks());
    }

    /**
     * Muon orthogonalizes each block on its own, scaled by √max(1, rows/cols) of the block (uneven blocks too); the
     * first step's direction is (1+μ)g.
     */
    @Test
    void muonOrthogonalizesEachBlock() {
        Rng.seed(1);
        TestModules.Bag m = new TestModules.Bag()
                .add("even", Role.MATRIX, List.of(RowBlock.of("q", 2), RowBlock.of("k", 2), RowBlock.of("v", 2)), 6, 4)
                .add("uneven", Role.MATRIX, List.of(RowBlock.of("a", 2), RowBlock.of("b", 3)), 5, 2);
        Map<String, Tensor> g = TestModules.gradients(m, 2);
        Map<String, double[]> before = TestModules.values(m);
        new Muon(m.namedParameters(), 0.1, 0.95, 5, 0.2, 0.9, 0.95, 1e-8, 0, 0).step(TestModules.closure(m, g));
        check(before.get("even"), g.get("even"), new long[] {2, 2, 2}, 4, m.namedParameters().get("even"));
        check(before.get("uneven"), g.get("uneven"), new long[] {2, 3}, 2, m.namedParameters().get("uneven"));
    }

    private static void check(double[] before, Tensor g, long[] rows, long cols, Parameter p) {
        long start = 0;
        for (long r : rows) {
            Tensor gb = Tensors.slice(g, 0, start, start + r).mul(Tensors.s(1.95));
            Tensor expected = Tensors.slice(Tensors.doubles(before, p.shape()), 0, start, start + r)
                    .sub(NewtonSchulz.orthogonalize(gb, 5).mul(Tensors.s(Math.sqrt(Math.max(1.0, r / (double) cols)))),
                            Tensors.s(0.1));
            assertArrayEquals(Tensors.toDoubles(expected), Tensors.toDoubles(Tensors.slice(p.tensor(), 0, start, start + r)),
                    1e-12, "block at row " + start);
            start += r;
        }
    }

    /** Adam-mini: one second moment per head of q, one per row of v (Zhang et al. 2024 §2.3). */
    @Test
    void adamMiniKeepsOneSecondMomentPerHeadOfQueriesAndPerRowElsewhere() {
        Rng.seed(3);
        TestModules.Bag m = new TestModules.Bag()
                .add("qv", Role.MATRIX, List.of(new RowBlock("q", 4, 2), RowBlock.of("v", 2)), 6, 3);
        Map<String, Tensor> g = TestModules.gradients(m, 4);
        AdamMini opt = new AdamMini(m.namedParameters(), 0.01, 0.9, 0.95, 1e-8, 0, 0);
        opt.step(TestModules.closure(m, g));
        double[] gg = Tensors.toDoubles(g.get("qv"));
        double[] expected = new double[4];
        for (int i = 0; i < 18; i++) {
            int row = i / 3;
            int group = row < 4 ? row / 2 : row - 2;
            expected[group] += gg[i] * gg[i] / (row < 4 ? 6 : 3);
        }
        for (int k = 0; k < 4; k++) {
            expected[k] *= 1 - 0.95;
        }
        assertArrayEquals(expected, Tensors.toDoubles(opt.exportState().get("qv.exp_avg_sq")), 1e-15);
        assertArrayEquals(new long[] {4, 1}, Tensors.shape(opt.exportState().get("qv.exp_avg_sq")));
    }

    /** Cautious normalizes its mask by its mean over each block, not over the fused tensor. */
    @Test
    void cautiousNormalizesTheMaskPerBlock() {
        TestModules.Bag m = new TestModules.Bag()
                .add("kv", Role.MATRIX, List.of(RowBlock.of("k", 1), RowBlock.of("v", 1)), 2, 2);
        // One zero gradient in block k: Adam's u is 0 there, so k's mask has mean 1/2 and v's mean 1.
        Map<String, Tensor> g = Map.of("kv", Tensors.doubles(new double[] {0.5, 0, -0.25, 2}, 2, 2));
        double[] before = TestModules.values(m).get("kv");
        new Cautious(m.namedParameters(), 0.01, 0.9, 0.95, 1e-8, 0, 0).step(TestModules.closure(m, g));
        double[] grad = {0.5, 0, -0.25, 2};
        double[] mean = {0.5, 0.5, 1, 1};
        double[] expected = new double[4];
        for (int i = 0; i < 4; i++) {
            double u = grad[i] / (Math.abs(grad[i]) + 1e-8);
            expected[i] = before[i] - 0.01 * u / (mean[i] + 1e-8);
        }
        assertArrayEquals(expected, Tensors.toDoubles(m.namedParameters().get("kv").tensor()), 1e-15);
    }

    @Test
    void preconditionersAreKeptPerBlock() {
        Rng.seed(5);
        TestModules.Bag m = new TestModules.Bag()
                .add("qkv", Role.MATRIX, List.of(RowBlock.of("q", 2), RowBlock.of("k", 2), RowBlock.of("v", 2)), 6, 4)
                .add("gain", Role.GAIN, 4);
        Map<String, Tensor> soap = new Soap(m.namedParameters(), 0.01, 0.9, 0.95, 0.95, 1e-8, 10, 0, 0).exportState();
        assertArrayEquals(new long[] {2, 2}, Tensors.shape(soap.get("qkv.k.q_left")));
        assertArrayEquals(new long[] {4, 4}, Tensors.shape(soap.get("qkv.v.gg_right")));
        assertArrayEquals(new long[] {4, 4}, Tensors.shape(soap.get("gain.q_left")), "a vector is an [n, 1] matrix");
        Map<String, Tensor> kron = new Kron(m.namedParameters(), 0.01, 0.9, 0.1, 0.05, 500, 0, 0, 0).exportState();
        assertArrayEquals(new long[] {2, 2}, Tensors.shape(kron.get("qkv.q.q_left")));
        assertArrayEquals(new long[] {4, 4}, Tensors.shape(kron.get("qkv.v.q_right")));
        assertArrayEquals(new long[] {4}, Tensors.shape(kron.get("gain.q_left")), "vectors get a diagonal factor");
        assertTrue(!kron.containsKey("gain.q_right"));
    }
}
