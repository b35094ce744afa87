package org.lmlab.data;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.lmlab.config.BadInputException;

/**
 * Writes a file so that readers see either the old complete file or the new complete file, never a half-written
 * one: the content goes to a temporary file in the target's own directory (a rename is only atomic within one
 * file system) and is then moved over the target.
 */
final class AtomicFile {
    /** The part of a write that fills the temporary file. */
    @FunctionalInterface
    interface Content {
        void writeTo(Path temp) throws IOException;
    }

    private AtomicFile() {
    }

    /**
     * Creates the parent directories if needed, lets {@code content} fill a fresh temporary file next to
     * {@code target}, and renames it onto {@code target}. The temporary file is removed if anything fails.
     *
     * @param what short description for messages, e.g. "tokenizer" or "shard"
     */
    static void write(Path target, String what, Content content) {
        Path temp = null;
        try {
            Path dir = target.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
            content.writeTo(temp);
            move(temp, target);
            temp = null;
        } catch (IOException e) {
            throw new BadInputException("cannot write " + what + " " + target + ": " + describe(e), e);
        } finally {
            deleteQuietly(temp);
        }
    }

    /** Renames {@code temp} onto {@code target}, atomically where the file system allows it. */
    static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // Some network and overlay file systems refuse atomic renames; a plain replace is the best left.
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static void deleteQuietly(Path temp) {
        if (temp == null) {
            return;
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // The write already failed or succeeded; a leftover hidden .tmp file must not mask that outcome.
        }
    }

    /** One-line reason for an I/O failure; the JDK's messages are often just the path, so add the type. */
    static String describe(IOException e) {
        String type = e.getClass().getSimpleName().replace("Exception", "");
        String message = e.getMessage();
        return message == null ? type : type + " (" + message + ")";
    }
}
