package org.lmlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The tokenizers' specification as properties over arbitrary text (any Unicode, including supplementary
 * characters, control characters and whitespace runs): decoding an encoding gives the text back, for a tokenizer
 * fresh from training and for one reloaded from its {@code tokenizer.json}.
 */
class TokenizerProperties {
    private static BpeTokenizer bpe;
    private static Tokenizer reloaded;

    @BeforeContainer
    static void train() throws Exception {
        bpe = BpeTrainer.train("the quick brown fox jumps over the lazy dog; Ünïcödé 漢字 🙂 tabs\tand\nnewlines  ", 300);
        Path file = Files.createTempDirectory("tok").resolve("tokenizer.json");
        bpe.save(file);
        reloaded = Tokenizer.load(file);
    }

    @Property(tries = 300)
    void byteTokenizerRoundTrips(@ForAll String text) {
        ByteTokenizer t = new ByteTokenizer();
        assertEquals(text, t.decode(t.encode(text)));
    }

    @Property(tries = 300)
    void bpeRoundTripsAndReloadsIdentically(@ForAll String text) {
        int[] ids = bpe.encode(text);
        assertEquals(text, bpe.decode(ids));
        assertEquals(java.util.Arrays.toString(ids), java.util.Arrays.toString(reloaded.encode(text)));
        for (int id : ids) {
            assertTrue(id >= 0 && id < bpe.vocabSize());
        }
    }
}
