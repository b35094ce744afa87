package org.lmlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.global.torch.ScalarType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lmlab.tensor.Rng;
import org.lmlab.tensor.Tensors;
import org.lmlab.tensor.Torch;

/** The cached additive causal mask against the boolean masked fill it replaces: bit for bit, values and gradients. */
class CausalMasksTest {
    @BeforeAll
    static void init() {
        Torch.init();
    }

    private static Tensor future(long t) {
        return torch.ones(new long[] {t, t}, Tensors.options(ScalarType.Bool)).triu(1);
    }

    @Test
    void maskIsZeroOnAndBelowTheDiagonalAndMinusInfinityAbove() {
        long t = 5;
        Tensor m = CausalMasks.additive(t);
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < t; j++) {
                double v = m.get(i).get(j).item_double();
                assertEquals(j > i ? Double.NEGATIVE_INFINITY : 0.0, v, "mask[" + i + "][" + j + "]");
            }
        }
    }

    /** Created inside a step's scope, the cached mask must outlive it (the next step reuses it). */
    @Test
    void maskCreatedInsideAPointerScopeSurvivesTheScope() {
        long t = 37;
        try (PointerScope scope = new PointerScope()) {
            CausalMasks.additive(t);
        }
        System.gc();
        try (PointerScope scope = new PointerScope()) {
            Tensor m = CausalMasks.additive(t);
            assertEquals(t * (t - 1) / 2, m.isinf().sum().item_long());
            assertEquals(0.0, m.masked_fill(future(t), Tensors.s(0.0)).abs().sum().item_double());
        }
    }

    @Test
    void addingTheMaskEqualsTheMaskedFillBitForBitInFloat32AndFloat64() {
        for (ScalarType type : new ScalarType[] {ScalarType.Float, ScalarType.Double}) {
            try (PointerScope scope = new PointerScope()) {
                long t = 9;
                Rng.seed(4);
                Tensor logits = torch.randn(new long[] {2, 3, t, t}).to(type).mul(Tensors.s(3.0));
                Tensor g = torch.randn(new long[] {2, 3, t, t}).to(type);
                Tensor a = logits.clone().requires_grad_(true);
                Tensor b = logits.clone().requires_grad_(true);
                Tensor wa = a.clone().masked_fill_(future(t), Tensors.s(Double.NEGATIVE_INFINITY)).softmax(-1);
                Tensor wb = b.clone().add_(CausalMasks.additive(t)).softmax(-1);
                wa.mul(g).sum().backward();
                wb.mul(g).sum().backward();
                assertEquals(type.value, wb.scalar_type().value);
                assertTrue(torch.equal(wa, wb), "weights differ in " + type);
                assertTrue(torch.equal(a.grad(), b.grad()), "gradients differ in " + type);
            }
        }
    }
}
