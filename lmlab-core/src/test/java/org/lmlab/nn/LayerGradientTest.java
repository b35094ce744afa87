package org.lmlab.nn;

import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lmlab.tensor.Dtype;
import org.lmlab.tensor.Rng;
import org.lmlab.tensor.Torch;

/** Every layer's autograd gradients (parameters and input) against float64 finite differences. */
class LayerGradientTest {
    private static final Device CPU = new Device("cpu");

    @BeforeAll
    static void init() {
        Torch.init();
        Rng.seed(1);
    }

    /** Loss = Σ f(x) ⊙ R with a fixed random R, so every output element carries a distinct weight. */
    private static void checkModule(Module m, java.util.function.Function<Tensor, Tensor> f, long... inputShape) {
        m.to(Dtype.FLOAT64, CPU);
        Tensor x = torch.randn(inputShape).to(torch.ScalarType.Double).requires_grad_(true);
        Tensor probe = f.apply(x).detach();
        Tensor r = torch.randn(org.lmlab.tensor.Tensors.shape(probe)).to(torch.ScalarType.Double);
        Map<String, Tensor> leaves = new LinkedHashMap<>();
        m.namedParameters().forEach((k, p) -> leaves.put(k, p.tensor()));
        leaves.put("input", x);
        GradCheck.check(() -> f.apply(x).mul(r).sum(), leaves, 6, 1e-5);
    }

    @Test
    void linear() {
        Linear l = new Linear(5, 3, true, 0.5, Role.MATRIX);
        checkModule(l, l::forward, 2, 4, 5);
    }

    @Test
    void layerNorm() {
        LayerNorm n = new LayerNorm(6, true, 1e-5);
        // Non-trivial gain and bias so their gradients are tested away from the identity.
        n.namedParameters().values().forEach(p -> p.tensor().detach().normal_());
        checkModule(n, n::forward, 3, 6);
    }

    @Test
    void rmsNorm() {
        RMSNorm n = new RMSNorm(6, 1e-5);
        n.namedParameters().values().forEach(p -> p.tensor().detach().normal_());
        checkModule(n, n::forward, 3, 6);
    }

    @Test
    void mlpGelu() {
        Mlp m = new Mlp(Mlp.Kind.GELU, 4, 8, true, 0.5, 0.5);
        checkModule(m, m::forward, 2, 3, 4);
    }

    @Test
    void mlpSwiglu() {
        Mlp m = new Mlp(Mlp.Kind.SWIGLU, 4, 6, false, 0.5, 0.5);
        checkModule(m, m::forward, 2, 3, 4);
    }

    @Test
    void embedding() {
        Embedding e = new Embedding(7, 3, 1.0);
        e.to(Dtype.FLOAT64, CPU);
        Tensor ids = org.lmlab.tensor.Tensors.longs(new long[] {1, 4, 4, 6}, 2, 2);
        Tensor r = torch.randn(2, 2, 3).to(torch.ScalarType.Double);
        GradCheck.check(() -> e.forward(ids).mul(r).sum(), Map.of("weight", e.weight().tensor()), 10, 1e-5);
    }
}
