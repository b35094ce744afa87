package org.lmlab.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lmlab.nn.GradCheck;
import org.lmlab.nn.Mlp;
import org.lmlab.nn.Norm;
import org.lmlab.tensor.Dtype;
import org.lmlab.tensor.NoGrad;
import org.lmlab.tensor.Rng;
import org.lmlab.tensor.Tensors;
import org.lmlab.tensor.Torch;

/** position: learned adds a trained absolute position embedding: order matters where NoPE is order-blind. */
class LearnedPositionTest {
    @BeforeAll
    static void init() {
        Torch.init();
    }

    private static Decoder model(DecoderConfig.Position p) {
        Rng.seed(41);
        Decoder m = new Decoder(new DecoderConfig(9, 8, 2, 1, 16, 8, Norm.Kind.RMSNORM, Mlp.Kind.GELU, p, 10000, false,
                false, 1e-5, 0.5, DecoderConfig.AttentionImpl.AUTO));
        m.to(Dtype.FLOAT64, new Device("cpu"));
        return m;
    }

    /** Last-position logits of two sequences that differ only in the order of their first tokens. */
    private static double orderEffect(Decoder m) {
        try (NoGrad g = NoGrad.enter()) {
            Tensor a = m.forward(Tensors.longs(new long[] {1, 2, 3, 4}, 1, 4)).select(1, 3);
            Tensor b = m.forward(Tensors.longs(new long[] {3, 2, 1, 4}, 1, 4)).select(1, 3);
            return a.sub(b).abs().max().item_double();
        }
    }

    @Test
    void positionsBreakPermutationSymmetry() {
        assertTrue(orderEffect(model(DecoderConfig.Position.NONE)) < 1e-12, "NoPE's last query sees a set");
        assertTrue(orderEffect(model(DecoderConfig.Position.LEARNED)) > 1e-4);
    }

    @Test
    void positionEmbeddingGradientMatchesFiniteDifferences() {
        Decoder m = model(DecoderConfig.Position.LEARNED);
        Tensor ids = Tensors.longs(new long[] {1, 2, 3, 4, 5}, 1, 5);
        Tensor targets = Tensors.longs(new long[] {2, 3, 4, 5, 6}, 1, 5);
        GradCheck.check(() -> m.loss(ids, targets), Map.of("pos.weight", m.namedParameters().get("pos.weight").tensor()),
                6, 1e-5);
    }
}
