package org.lmlab.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link Tensors#chunk} and {@link Tensors#unbind}: the parts are the slices they replace, their gradients are the
 * slices' gradients bit for bit, and each part outlives the TensorVector it came from.
 */
class TensorsSplitTest {
    @BeforeAll
    static void load() {
        Torch.init();
    }

    @Test
    void chunkPartsAndGradientsEqualSlices() {
        try (PointerScope scope = new PointerScope()) {
            Tensor a = leaf(2, 3, 8);
            Tensor b = leaf(2, 3, 8);
            Tensor[] parts = Tensors.chunk(a, 2, -1);
            System.gc(); // the vector may be collected: the parts hold their own references
            Tensor viaChunk = torch.silu(parts[0]).mul(parts[1]).pow(Tensors.s(2.0)).sum();
            Tensor viaSlice = torch.silu(Tensors.slice(b, -1, 0, 4)).mul(Tensors.slice(b, -1, 4, 8))
                    .pow(Tensors.s(2.0)).sum();
            assertEquals(viaSlice.item_double(), viaChunk.item_double(), 0.0);
            viaChunk.backward();
            viaSlice.backward();
            assertArrayEquals(Tensors.toDoubles(b.grad()), Tensors.toDoubles(a.grad()), 0.0);
        }
    }

    @Test
    void unbindPartsAndGradientsEqualSelects() {
        try (PointerScope scope = new PointerScope()) {
            Tensor a = leaf(3, 2, 5);
            Tensor b = leaf(3, 2, 5);
            Tensor[] parts = Tensors.unbind(a, 0);
            System.gc();
            assertEquals(3, parts.length);
            Tensor viaUnbind = parts[0].mul(parts[1]).add(parts[2].exp()).sum();
            Tensor viaSelect = b.select(0, 0).mul(b.select(0, 1)).add(b.select(0, 2).exp()).sum();
            viaUnbind.backward();
            viaSelect.backward();
            assertArrayEquals(Tensors.toDoubles(b.grad()), Tensors.toDoubles(a.grad()), 0.0);
        }
    }

    /** A float64 leaf of the given shape with distinct, deterministic values. */
    private static Tensor leaf(long... shape) {
        double[] data = new double[(int) java.util.Arrays.stream(shape).reduce(1, (x, y) -> x * y)];
        for (int i = 0; i < data.length; i++) {
            data[i] = Math.sin(0.7 * i + 0.3);
        }
        return Tensors.doubles(data, shape).requires_grad_(true);
    }
}
