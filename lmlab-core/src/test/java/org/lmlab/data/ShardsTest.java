package org.lmlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmlab.config.BadInputException;

class ShardsTest {
    @TempDir
    Path dir;

    private final ByteTokenizer bytes = new ByteTokenizer();

    @Test
    void splitsDocumentsEvenlyAndDeterministically() {
        List<String> docs = List.of("d0", "d1", "d2", "d3", "d4", "d5", "d6", "d7", "d8", "d9");
        Shards.Result r = Shards.write(bytes, docs, dir, "toy", new Shards.Options(-1, 0.25, 1000));
        // floor((i+1)/4) > floor(i/4) for i = 3 and 7: two of ten documents, spread out.
        assertEquals(10, r.documents());
        assertEquals(List.of(dir.resolve("toy_val_000000.bin")), r.val());
        assertEquals("d3d7", bytes.decode(readAll(r.val().get(0))));
        assertEquals("d0d1d2d4d5d6d8d9", bytes.decode(readAll(r.train().get(0))));
        assertEquals(16, r.trainTokens());
        assertEquals(4, r.valTokens());
    }

    @Test
    void separatorPrecedesEveryDocument() {
        Shards.Result r = Shards.write(bytes, List.of("ab", "c"), dir, "sep", new Shards.Options(0, 0, 1000));
        assertArrayEquals(new int[] {0, 'a', 'b', 0, 'c'}, readAll(r.train().get(0)));
        assertTrue(r.val().isEmpty());
        assertTrue(Shards.list(dir, "sep", Shards.VAL).isEmpty());
    }

    @Test
    void rollsOverIntoNumberedShardsAndRemovesStaleOnes() {
        List<String> docs = TestTexts.documents(30, 4);
        Shards.Result big = Shards.write(bytes, docs, dir, "c", new Shards.Options(-1, 0, 100));
        assertTrue(big.train().size() > 3);
        int[] joined = concat(big.train());
        assertEquals(String.join("", docs), bytes.decode(joined));
        for (int i = 0; i + 1 < big.train().size(); i++) {
            assertEquals(100, TokenShard.open(big.train().get(i)).size());
        }
        assertEquals(big.train(), Shards.list(dir, "c", Shards.TRAIN));

        Shards.Result small = Shards.write(bytes, docs.subList(0, 2), dir, "c", new Shards.Options(-1, 0, 100));
        assertEquals(small.train(), Shards.list(dir, "c", Shards.TRAIN), "shards of the larger run are gone");
        assertFalse(Files.exists(big.train().get(big.train().size() - 1)));
    }

    @Test
    void bpeShardsDecodeToTheDocuments() {
        List<String> docs = TestTexts.documents(40, 8);
        BpeTokenizer tok = BpeTrainer.train(docs, 400);
        Shards.Result r = Shards.write(tok, docs, dir, "bpe", new Shards.Options(-1, 0.1, 1_000_000));
        assertEquals(1, r.val().size());
        List<String> val = new ArrayList<>();
        for (int i = 0; i < docs.size(); i++) {
            if (Math.floor((i + 1) * 0.1) > Math.floor(i * 0.1)) {
                val.add(docs.get(i));
            }
        }
        assertEquals(4, val.size());
        assertEquals(String.join("", val), tok.decode(readAll(r.val().get(0))));
    }

    @Test
    void badOptionsAreRejected() {
        assertThrows(BadInputException.class, () -> new Shards.Options(65536, 0, 10));
        assertThrows(BadInputException.class, () -> new Shards.Options(-1, 1.0, 10));
        assertThrows(BadInputException.class, () -> new Shards.Options(-1, 0, 0));
    }

    private static int[] readAll(Path file) {
        TokenShard s = TokenShard.open(file);
        int[] out = new int[(int) s.size()];
        s.read(0, out, 0, out.length);
        return out;
    }

    private static int[] concat(List<Path> files) {
        List<int[]> parts = files.stream().map(ShardsTest::readAll).toList();
        int[] out = new int[parts.stream().mapToInt(p -> p.length).sum()];
        int n = 0;
        for (int[] p : parts) {
            System.arraycopy(p, 0, out, n, p.length);
            n += p.length;
        }
        return out;
    }
}
