package org.lmlab.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lmlab.model.BinaryInput;
import org.lmlab.model.Decoder;
import org.lmlab.model.DecoderConfig;
import org.lmlab.tensor.Rng;
import org.lmlab.tensor.Tensors;
import org.lmlab.tensor.Torch;

/** Coded ids get W·(2b − 1) exactly (bit i of id − offset is b_i); other ids keep their lookup rows. */
class BinaryCodedEmbeddingTest {
    @BeforeAll
    static void init() {
        Torch.init();
    }

    @Test
    void codedIdsAreALinearMapOfTheirSignsAndOthersPassThrough() {
        BinaryCodedEmbedding e = new BinaryCodedEmbedding(3, 3, 2, 1.0);
        double[] w = Tensors.toDoubles(e.weight().tensor().to(org.bytedeco.pytorch.global.torch.ScalarType.Double));
        // ids: 2 (below the block), 3 (code 000), 3 + 6 (code 110: b0 = 0, b1 = 1, b2 = 1), 11 (above the block)
        Tensor ids = Tensors.longs(new long[] {2, 3, 9, 11}, 1, 4);
        float[] lookup = new float[8];
        for (int i = 0; i < 8; i++) {
            lookup[i] = 100 + i;
        }
        float[] out = Tensors.toFloats(e.forward(ids, Tensors.floats(lookup, 1, 4, 2)));
        int[][] signs = {{-1, -1, -1}, {-1, 1, 1}};
        for (int r = 0; r < 2; r++) {
            for (int j = 0; j < 2; j++) {
                double want = 0;
                for (int i = 0; i < 3; i++) {
                    want += w[j * 3 + i] * signs[r][i];
                }
                assertEquals(want, out[(r + 1) * 2 + j], 1e-6, "coded id row " + r + " dim " + j);
            }
        }
        assertEquals(100, out[0]);
        assertEquals(101, out[1]);
        assertEquals(106, out[6]);
        assertEquals(107, out[7]);
    }

    @Test
    void decoderUsesItOnlyWhenConfiguredAndChecksTheVocabulary() {
        DecoderConfig base = DecoderConfig.defaults().withVocabSize(3 + 16);
        Rng.seed(1);
        Decoder plain = new Decoder(base);
        Rng.seed(1);
        Decoder coded = new Decoder(base.withBinaryInput(new BinaryInput(3, 4)));
        // W [d, 4] added; the head drops the 16 coded ids, which are inputs only.
        assertEquals(plain.parameterCount() + 4L * base.dModel() - 16L * base.dModel(), coded.parameterCount());
        Tensor ids = Tensors.longs(new long[] {0, 7, 1}, 1, 3);
        float[] a = Tensors.toFloats(plain.forward(ids));
        Tensor codedLogits = coded.forward(ids);
        assertEquals(3, codedLogits.size(-1), "the head predicts ids 0..2 only");
        assertEquals(19, plain.forward(ids).size(-1));
        Rng.seed(1);
        Decoder third = new Decoder(base.withBinaryInput(new BinaryInput(3, 4)).withVocabSize(3 + 16 + 2));
        assertEquals(21, third.forward(ids).size(-1), "ids above the coded block stay predictable");
        Rng.seed(1);
        Decoder aligned = new Decoder(base.withBinaryInput(new BinaryInput(3, 4)));
        float[] b = Tensors.toFloats(aligned.forward(Tensors.longs(new long[] {0, 1, 1}, 1, 3)));
        float[] c = Tensors.toFloats(codedLogits);
        assertEquals(b[0], c[0], 0f, "position 0 (id 0) sees no coded id in either");
        assertNotEquals(b[3], c[3], "position 1 holds coded id 7, embedded differently from id 1");
        assertEquals(a.length, 19 * 3);
        org.junit.jupiter.api.Assertions.assertFalse(coded.config().llamaShaped(), "Llama has no binary-coded input");
        assertThrows(IllegalArgumentException.class, () -> base.withBinaryInput(new BinaryInput(3, 5)));
    }
}
