package org.lmlab.run;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Writes that are all-or-nothing: a reader (or a run resumed after a crash) sees either the old file or the
 * complete new one, never half of it. Data goes to a hidden temp file in the target's own directory (so the final
 * rename stays on one file system), is forced to disk, and is then renamed over the target; the directory entry
 * is forced too, so the rename itself survives a power cut. {@link #publishDirectory} does the same for a whole
 * directory, which is how checkpoints appear.
 *
 * <p>Leftover temp entries are hidden (leading '.') and contain {@code .tmp-} or {@code .old-}; they are garbage
 * by construction and safe to delete.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Atomically replaces {@code target} with {@code bytes}, creating parent directories as needed. */
    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    /** Atomically replaces {@code target} with {@code text} in UTF-8. */
    public static void writeString(Path target, String text) throws IOException {
        write(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Atomically replaces {@code target} with whatever {@code writer} writes to the (buffered) stream it is given.
     * If the writer throws, the target is untouched and the temp file is removed. Closing the stream is allowed
     * but not needed.
     */
    public static void write(Path target, IOConsumer<OutputStream> writer) throws IOException {
        Path dir = parentOf(target);
        Files.createDirectories(dir);
        Path tmp = null;
        boolean published = false;
        try {
            FileChannel ch = null;
            while (ch == null) {
                tmp = dir.resolve(tempName(target, "tmp"));
                try {
                    // Not Files.createTempFile: that makes owner-only files, and checkpoints should keep the umask.
                    ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                } catch (FileAlreadyExistsException e) {
                    ch = null;
                }
            }
            try (FileChannel channel = ch) {
                BufferedOutputStream buffered = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                writer.accept(new UnclosableStream(buffered));
                buffered.flush();
                channel.force(true);
            }
            moveReplacing(tmp, target);
            published = true;
            syncDirectory(dir);
        } finally {
            if (!published && tmp != null) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /**
     * A fresh, empty hidden directory next to {@code finalDir} to fill and then {@link #publishDirectory publish}
     * — a sibling, because only a rename within one directory is atomic.
     */
    public static Path newTempDir(Path finalDir) throws IOException {
        Path parent = parentOf(finalDir);
        Files.createDirectories(parent);
        while (true) {
            try {
                return Files.createDirectory(parent.resolve(tempName(finalDir, "tmp")));
            } catch (FileAlreadyExistsException e) {
                // Name collision with another temp dir: pick another name.
            }
        }
    }

    /**
     * Makes the fully written {@code tmpDir} appear as {@code finalDir} in one rename. Everything in it is forced
     * to disk first. An existing {@code finalDir} is renamed aside, replaced, then deleted, so at every instant
     * either the old or the new directory is complete under its final name or aside.
     */
    public static void publishDirectory(Path tmpDir, Path finalDir) throws IOException {
        if (!Files.isDirectory(tmpDir, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(tmpDir + ": not a directory");
        }
        syncTree(tmpDir);
        Path parent = parentOf(finalDir);
        Files.createDirectories(parent);
        Path aside = null;
        if (Files.exists(finalDir, LinkOption.NOFOLLOW_LINKS)) {
            aside = parent.resolve(tempName(finalDir, "old"));
            Files.move(finalDir, aside, StandardCopyOption.ATOMIC_MOVE);
        }
        try {
            Files.move(tmpDir, finalDir, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (aside != null) {
                try {
                    Files.move(aside, finalDir, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException restore) {
                    e.addSuppressed(restore);
                }
            }
            throw e;
        }
        syncDirectory(parent);
        if (aside != null) {
            deleteRecursively(aside);
        }
    }

    /** Deletes a file or directory tree; a missing path is not an error. Symlinks are removed, not followed. */
    public static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<Path> all;
        try (Stream<Path> walk = Files.walk(path)) {
            all = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path p : all) {
            Files.deleteIfExists(p);
        }
    }

    /** True for the hidden names this class uses for temp files, temp dirs and directories moved aside. */
    public static boolean isTempName(String fileName) {
        return fileName.startsWith(".") && (fileName.contains(".tmp-") || fileName.contains(".old-"));
    }

    private static String tempName(Path target, String kind) {
        return "." + target.getFileName() + "." + kind + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    }

    private static Path parentOf(Path p) {
        Path parent = p.toAbsolutePath().getParent();
        if (parent == null) {
            throw new IllegalArgumentException(p + ": has no parent directory");
        }
        return parent;
    }

    private static void moveReplacing(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void syncTree(Path dir) throws IOException {
        List<Path> all;
        try (Stream<Path> walk = Files.walk(dir)) {
            all = walk.toList();
        }
        for (Path p : all) {
            if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                // fsync through a read-only handle is enough on Linux and works for read-only files too.
                try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
                    ch.force(true);
                }
            } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                syncDirectory(p);
            }
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some platforms (Windows) cannot open a directory for syncing; the rename is still atomic there,
            // only its durability across a power cut is weaker.
        }
    }

    /** Hands the writer a stream it may close without closing the channel we still have to force. */
    private static final class UnclosableStream extends FilterOutputStream {
        UnclosableStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
