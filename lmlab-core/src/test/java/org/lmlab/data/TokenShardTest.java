package org.lmlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.lmlab.data.BpeTokenizerTest.assertOneLineNaming;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmlab.config.BadInputException;

class TokenShardTest {
    @TempDir
    Path dir;

    @Test
    void roundTripsThroughLlmcLayout() throws Exception {
        int[] tokens = new Random(1).ints(10_000, 0, 65536).toArray();
        tokens[0] = 65535;
        tokens[1] = 0;
        Path file = dir.resolve("t_train_000000.bin");
        TokenShardWriter.write(file, tokens);

        assertEquals(1024 + 2L * tokens.length, Files.size(file));
        ByteBuffer raw = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(20240520, raw.getInt(0));
        assertEquals(1, raw.getInt(4));
        assertEquals(tokens.length, raw.getInt(8));
        assertEquals(0, raw.getInt(12));
        assertEquals(65535, raw.getShort(1024) & 0xFFFF);

        TokenShard shard = TokenShard.open(file);
        assertEquals(tokens.length, shard.size());
        assertEquals(tokens[1234], shard.get(1234));
        int[] all = new int[tokens.length];
        shard.read(0, all, 0, all.length);
        assertArrayEquals(tokens, all);
        int[] window = new int[12];
        shard.read(500, window, 2, 10);
        for (int k = 0; k < 10; k++) {
            assertEquals(tokens[500 + k], window[2 + k]);
        }
        assertThrows(IndexOutOfBoundsException.class, () -> shard.read(tokens.length - 5, new int[10], 0, 10));
    }

    @Test
    void streamingWriterMatchesBulkWriter() throws Exception {
        Path a = dir.resolve("a.bin");
        Path b = dir.resolve("b.bin");
        int[] tokens = new Random(2).ints(700_000, 0, 50257).toArray();
        TokenShardWriter.write(a, tokens);
        try (TokenShardWriter w = TokenShardWriter.create(b)) {
            for (int t : tokens) {
                w.write(t);
            }
            w.finish();
        }
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    }

    @Test
    void emptyShardIsValid() {
        Path file = dir.resolve("empty.bin");
        TokenShardWriter.write(file, new int[0]);
        assertEquals(0, TokenShard.open(file).size());
    }

    @Test
    void idsThatDoNotFitUint16AreRejectedAndNothingIsLeft() throws Exception {
        Path file = dir.resolve("big.bin");
        var e = assertThrows(BadInputException.class, () -> TokenShardWriter.write(file, new int[] {1, 65536}));
        assertOneLineNaming(e, file, "65536", "position 1");
        assertThrows(BadInputException.class, () -> TokenShardWriter.write(file, new int[] {-1}));
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "neither the shard nor its temporary file exists");
        }
    }

    @Test
    void closingWithoutFinishDiscards() throws Exception {
        Path file = dir.resolve("unfinished.bin");
        try (TokenShardWriter w = TokenShardWriter.create(file)) {
            w.write(new int[] {1, 2, 3});
        }
        assertFalse(Files.exists(file));
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void truncatedShardIsRejectedWithCounts() throws Exception {
        Path file = dir.resolve("cut.bin");
        TokenShardWriter.write(file, new int[100]);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(1024 + 150);
        }
        var e = assertThrows(BadInputException.class, () -> TokenShard.open(file));
        assertOneLineNaming(e, file, "header says 100 tokens but file holds 1174 bytes");
    }

    @Test
    void shortFileBadMagicAndBadVersionAreRejected() throws Exception {
        Path tiny = Files.write(dir.resolve("tiny.bin"), new byte[10]);
        assertOneLineNaming(assertThrows(BadInputException.class, () -> TokenShard.open(tiny)), tiny, "10 bytes");

        Path magic = dir.resolve("magic.bin");
        TokenShardWriter.write(magic, new int[] {1, 2});
        patchInt(magic, 0, 12345);
        assertOneLineNaming(assertThrows(BadInputException.class, () -> TokenShard.open(magic)), magic,
                "magic 12345", "20240520");

        Path version = dir.resolve("version.bin");
        TokenShardWriter.write(version, new int[] {1, 2});
        patchInt(version, 4, 2);
        assertOneLineNaming(assertThrows(BadInputException.class, () -> TokenShard.open(version)), version,
                "version 2");

        Path missing = dir.resolve("missing.bin");
        assertOneLineNaming(assertThrows(BadInputException.class, () -> TokenShard.open(missing)), missing,
                "does not exist");
    }

    private static void patchInt(Path file, int offset, int value) throws Exception {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, value), offset);
        }
    }
}
