package org.lmlab.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

import org.lmlab.config.BadInputException;

/**
 * A read-only, memory-mapped file of token ids in the llm.c {@code .bin} layout:
 * <ul>
 *   <li>a header of 256 little-endian int32 (1024 bytes): {@code header[0]} = 20240520 (magic),
 *       {@code header[1]} = 1 (version: uint16 tokens), {@code header[2]} = number of tokens N, the rest 0;</li>
 *   <li>then N tokens, each an unsigned little-endian 16-bit integer.</li>
 * </ul>
 * The file is exactly {@code 1024 + 2·N} bytes long; anything else is rejected when the shard is opened, so a
 * truncated download or a half-copied file fails at once with a one-line message instead of mid-training.
 *
 * <p>Mapping instead of reading lets a training loop pick random windows from a multi-gigabyte shard without
 * holding it on the heap; the OS page cache does the buffering. Reads are thread-safe.
 */
public final class TokenShard {
    /** {@code header[0]} of every shard. */
    public static final int MAGIC = 20240520;
    /** {@code header[1]}: version 1 stores uint16 tokens. */
    public static final int VERSION = 1;
    /** Size of the header in bytes (256 int32). */
    public static final int HEADER_BYTES = 1024;

    // A single MappedByteBuffer is limited to 2 GiB, but a full shard can reach 4 GiB; map it in 1 GiB pieces.
    private static final int CHUNK_SHIFT = 29;
    private static final long CHUNK_TOKENS = 1L << CHUNK_SHIFT;
    private static final int CHUNK_MASK = (1 << CHUNK_SHIFT) - 1;

    private final Path file;
    private final long size;
    private final ShortBuffer[] chunks;

    private TokenShard(Path file, long size, ShortBuffer[] chunks) {
        this.file = file;
        this.size = size;
        this.chunks = chunks;
    }

    /**
     * Maps and validates {@code file}.
     *
     * @throws BadInputException naming the file if it is missing, too short, has the wrong magic or version, or its
     *                           length does not match the token count in its header
     */
    public static TokenShard open(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long bytes = ch.size();
            if (bytes < HEADER_BYTES) {
                throw new BadInputException("shard " + file + ": file holds " + bytes + " bytes, less than the "
                        + HEADER_BYTES + "-byte header of an llm.c token shard");
            }
            ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            while (header.hasRemaining() && ch.read(header, header.position()) >= 0) {
                // FileChannel.read may return short counts; loop until the whole header is in.
            }
            int magic = header.getInt(0);
            int version = header.getInt(4);
            int count = header.getInt(8);
            if (magic != MAGIC) {
                throw new BadInputException("shard " + file + ": not an llm.c token shard (magic " + magic
                        + ", expected " + MAGIC + ")");
            }
            if (version != VERSION) {
                throw new BadInputException("shard " + file + ": unsupported shard version " + version
                        + " (lmlab reads version 1, uint16 tokens)");
            }
            long expected = HEADER_BYTES + 2L * count;
            if (count < 0 || bytes != expected) {
                throw new BadInputException("shard " + file + ": header says " + count + " tokens but file holds "
                        + bytes + " bytes (expected " + HEADER_BYTES + " + 2*" + count + " = " + expected + ")");
            }
            int n = (int) ((count + CHUNK_TOKENS - 1) / CHUNK_TOKENS);
            ShortBuffer[] chunks = new ShortBuffer[n];
            for (int c = 0; c < n; c++) {
                long first = c * CHUNK_TOKENS;
                long tokens = Math.min(CHUNK_TOKENS, count - first);
                chunks[c] = ch.map(FileChannel.MapMode.READ_ONLY, HEADER_BYTES + 2 * first, 2 * tokens)
                        .order(ByteOrder.LITTLE_ENDIAN).asShortBuffer();
            }
            return new TokenShard(file, count, chunks);
        } catch (NoSuchFileException e) {
            throw new BadInputException("shard " + file + " does not exist", e);
        } catch (IOException e) {
            throw new BadInputException("cannot read shard " + file + ": " + AtomicFile.describe(e), e);
        }
    }

    /** The file this shard maps. */
    public Path file() {
        return file;
    }

    /** Number of tokens. */
    public long size() {
        return size;
    }

    /** Token {@code i}, in {@code [0, 65536)}. */
    public int get(long i) {
        Objects.checkIndex(i, size);
        return chunks[(int) (i >>> CHUNK_SHIFT)].get((int) (i & CHUNK_MASK)) & 0xFFFF;
    }

    /** Copies tokens {@code [start, start + len)} into {@code dst[off, off + len)}. */
    public void read(long start, int[] dst, int off, int len) {
        Objects.checkFromIndexSize(start, len, size);
        Objects.checkFromIndexSize(off, len, dst.length);
        while (len > 0) {
            ShortBuffer chunk = chunks[(int) (start >>> CHUNK_SHIFT)];
            int at = (int) (start & CHUNK_MASK);
            int n = Math.min(len, chunk.limit() - at);
            // Absolute gets leave the shared buffer's position alone, which keeps concurrent readers independent.
            for (int k = 0; k < n; k++) {
                dst[off + k] = chunk.get(at + k) & 0xFFFF;
            }
            start += n;
            off += n;
            len -= n;
        }
    }

    @Override
    public String toString() {
        return "TokenShard[" + file + ", " + size + " tokens]";
    }
}
