package org.lmlab.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.lmlab.config.BadInputException;

/**
 * Streams token ids into a shard file in the llm.c layout (see {@link TokenShard}).
 *
 * <p>The tokens go to a hidden temporary file next to the target; {@link #finish()} writes the header, whose token
 * count is only known at the end, and renames the temporary file onto the target. Closing without finishing (an
 * exception in the middle of tokenizing, say) deletes the temporary file, so a shard path only ever holds a
 * complete, valid shard:
 *
 * <pre>{@code
 * try (var w = TokenShardWriter.create(path)) {
 *     w.write(tokenizer.encode(text));
 *     w.finish();
 * }
 * }</pre>
 *
 * <p>Not thread-safe.
 */
public final class TokenShardWriter implements AutoCloseable {
    private static final int BUFFER_BYTES = 1 << 20;

    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private long count;
    private boolean done;

    private TokenShardWriter(Path target, Path temp, FileChannel channel) {
        this.target = target;
        this.temp = temp;
        this.channel = channel;
    }

    /** Starts a shard that will appear at {@code file} on {@link #finish()}; parent directories are created. */
    public static TokenShardWriter create(Path file) {
        Path temp = null;
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            temp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
            FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE);
            channel.position(TokenShard.HEADER_BYTES);
            return new TokenShardWriter(file, temp, channel);
        } catch (IOException e) {
            AtomicFile.deleteQuietly(temp);
            throw new BadInputException("cannot create shard " + file + ": " + AtomicFile.describe(e), e);
        }
    }

    /** Writes {@code tokens} to a complete shard at {@code file} in one go. */
    public static void write(Path file, int[] tokens) {
        try (TokenShardWriter w = create(file)) {
            w.write(tokens);
            w.finish();
        }
    }

    /** Appends one token. */
    public void write(int token) {
        checkOpen();
        checkToken(token, count);
        checkRoom(1);
        if (!buffer.hasRemaining()) {
            flush();
        }
        buffer.putShort((short) token);
        count++;
    }

    /** Appends all of {@code tokens}. */
    public void write(int[] tokens) {
        write(tokens, 0, tokens.length);
    }

    /**
     * Appends {@code tokens[off, off + len)}.
     *
     * @throws BadInputException if a token is negative or ≥ 65536, which the uint16 format cannot hold; the
     *                           shard is then unusable and closing it discards it
     */
    public void write(int[] tokens, int off, int len) {
        checkOpen();
        for (int i = off; i < off + len; i++) {
            checkToken(tokens[i], count + (i - off));
        }
        checkRoom(len);
        for (int i = off; i < off + len; i++) {
            if (!buffer.hasRemaining()) {
                flush();
            }
            buffer.putShort((short) tokens[i]);
        }
        count += len;
    }

    /** Tokens written so far. */
    public long count() {
        return count;
    }

    /** Writes the header and moves the shard into place. Further writes are rejected. */
    public void finish() {
        checkOpen();
        try {
            flush();
            ByteBuffer header = ByteBuffer.allocate(TokenShard.HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            header.putInt(0, TokenShard.MAGIC).putInt(4, TokenShard.VERSION).putInt(8, (int) count);
            channel.write(header, 0);
            channel.force(false);
            channel.close();
            AtomicFile.move(temp, target);
            done = true;
        } catch (IOException e) {
            throw new BadInputException("cannot write shard " + target + ": " + AtomicFile.describe(e), e);
        }
    }

    /** Discards the shard unless {@link #finish()} succeeded. */
    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Either finish() already closed it or the shard is being discarded; nothing depends on this close.
        }
        AtomicFile.deleteQuietly(temp); // gone already if finish() renamed it
        done = true;
    }

    private void flush() {
        buffer.flip();
        try {
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } catch (IOException e) {
            done = true;
            throw new BadInputException("cannot write shard " + target + ": " + AtomicFile.describe(e), e);
        }
        buffer.clear();
    }

    private void checkToken(int token, long position) {
        if (token < 0 || token > 0xFFFF) {
            done = true;
            throw new BadInputException("shard " + target + ": token id " + token + " at position " + position
                    + " does not fit the uint16 shard format (ids must be in [0, 65536)); use a vocabulary of at"
                    + " most 65536 tokens");
        }
    }

    private void checkRoom(int more) {
        if (count + more > Integer.MAX_VALUE) {
            done = true;
            throw new BadInputException("shard " + target + ": more than " + Integer.MAX_VALUE
                    + " tokens do not fit the int32 header count; write several shards");
        }
    }

    private void checkOpen() {
        if (done) {
            throw new IllegalStateException("shard " + target + " is already finished or failed");
        }
    }
}
