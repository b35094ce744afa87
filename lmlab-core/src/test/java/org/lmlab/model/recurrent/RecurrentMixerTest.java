package org.lmlab.model.recurrent;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lmlab.nn.GradCheck;
import org.lmlab.nn.Module;
import org.lmlab.tensor.Dtype;
import org.lmlab.tensor.Rng;
import org.lmlab.tensor.Tensors;
import org.lmlab.tensor.Torch;

/**
 * The fused GRU/LSTM kernels against the cell equations written out step by step, GLA's recurrence against its
 * parallel form, and all three against float64 finite differences.
 */
class RecurrentMixerTest {
    private static final Device CPU = new Device("cpu");

    @BeforeAll
    static void init() {
        Torch.init();
        Rng.seed(2);
    }

    private static Map<String, Tensor> params(Module m) {
        Map<String, Tensor> p = new LinkedHashMap<>();
        m.namedParameters().forEach((k, v) -> p.put(k, v.tensor().detach()));
        return p;
    }

    private static Tensor rows(Tensor t, int gate, long s) {
        return Tensors.slice(t, 0, gate * s, (gate + 1) * s);
    }

    private static Tensor x() {
        return torch.randn(new long[] {2, 5, 4}).to(torch.ScalarType.Double);
    }

    @Test
    void gruMatchesCellEquations() {
        Gru g = new Gru(4, 3, 0.5);
        g.to(Dtype.FLOAT64, CPU);
        Map<String, Tensor> p = params(g);
        Tensor x = x();
        Tensor h = torch.zeros(new long[] {2, 3}).to(torch.ScalarType.Double);
        TensorVector outs = new TensorVector();
        for (int t = 0; t < 5; t++) {
            Tensor gi = torch.linear(x.select(1, t), p.get("weight_ih")).add(p.get("bias_ih"));
            Tensor gh = torch.linear(h, p.get("weight_hh")).add(p.get("bias_hh"));
            Tensor r = Tensors.slice(gi, 1, 0, 3).add(Tensors.slice(gh, 1, 0, 3)).sigmoid();
            Tensor z = Tensors.slice(gi, 1, 3, 6).add(Tensors.slice(gh, 1, 3, 6)).sigmoid();
            Tensor n = Tensors.slice(gi, 1, 6, 9).add(r.mul(Tensors.slice(gh, 1, 6, 9))).tanh();
            h = torch.ones_like(z).sub(z).mul(n).add(z.mul(h));
            outs.push_back(torch.linear(h, p.get("out.weight")));
        }
        assertTrue(torch.stack(outs, 1).allclose(g.forward(x), 1e-10, 1e-12, false));
    }

    @Test
    void lstmMatchesCellEquations() {
        Lstm l = new Lstm(4, 3, 0.5);
        l.to(Dtype.FLOAT64, CPU);
        Map<String, Tensor> p = params(l);
        Tensor x = x();
        Tensor h = torch.zeros(new long[] {2, 3}).to(torch.ScalarType.Double);
        Tensor c = h;
        TensorVector outs = new TensorVector();
        for (int t = 0; t < 5; t++) {
            Tensor gates = torch.linear(x.select(1, t), p.get("weight_ih")).add(p.get("bias_ih"))
                    .add(torch.linear(h, p.get("weight_hh"))).add(p.get("bias_hh"));
            Tensor i = Tensors.slice(gates, 1, 0, 3).sigmoid();
            Tensor f = Tensors.slice(gates, 1, 3, 6).sigmoid();
            Tensor gg = Tensors.slice(gates, 1, 6, 9).tanh();
            Tensor o = Tensors.slice(gates, 1, 9, 12).sigmoid();
            c = f.mul(c).add(i.mul(gg));
            h = o.mul(c.tanh());
            outs.push_back(torch.linear(h, p.get("out.weight")));
        }
        assertTrue(torch.stack(outs, 1).allclose(l.forward(x), 1e-10, 1e-12, false));
    }

    @Test
    void glaRecurrenceMatchesParallelForm() {
        long b = 2, t = 6, dk = 3, dv = 4;
        Tensor q = torch.randn(new long[] {b, t, dk}).to(torch.ScalarType.Double);
        Tensor k = torch.randn(new long[] {b, t, dk}).to(torch.ScalarType.Double);
        Tensor v = torch.randn(new long[] {b, t, dv}).to(torch.ScalarType.Double);
        Tensor alpha = torch.rand(new long[] {b, t, dk}).to(torch.ScalarType.Double);
        Tensor o = GatedLinearAttention.recur(q, k, v, alpha);
        // o_t = Σ_{s≤t} Σ_d q_td · k_sd · Π_{s<u≤t} α_ud · v_s
        Tensor logCum = alpha.log().cumsum(1);
        for (long i = 0; i < t; i++) {
            Tensor acc = torch.zeros(new long[] {b, dv}).to(torch.ScalarType.Double);
            for (long s = 0; s <= i; s++) {
                Tensor decay = logCum.select(1, i).sub(logCum.select(1, s)).exp();
                Tensor w = q.select(1, i).mul(k.select(1, s)).mul(decay).sum(new long[] {1}, true,
                        new org.bytedeco.pytorch.ScalarTypeOptional());
                acc = acc.add(w.mul(v.select(1, s)));
            }
            assertTrue(acc.allclose(o.select(1, i), 1e-10, 1e-12, false), "position " + i);
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Module[] mixers = {new Gru(4, 3, 0.5), new Lstm(4, 3, 0.5), new GatedLinearAttention(4, 3, 0.5, 0.5)};
        for (Module m : mixers) {
            m.to(Dtype.FLOAT64, CPU);
            Tensor x = x().requires_grad_(true);
            Tensor r = torch.randn(new long[] {2, 5, 4}).to(torch.ScalarType.Double);
            Map<String, Tensor> leaves = new LinkedHashMap<>();
            m.namedParameters().forEach((k, v) -> leaves.put(k, v.tensor()));
            leaves.put("input", x);
            org.lmlab.nn.Layer layer = (org.lmlab.nn.Layer) m;
            GradCheck.check(() -> layer.forward(x).mul(r).sum(), leaves, 4, 1e-5);
        }
    }
}
