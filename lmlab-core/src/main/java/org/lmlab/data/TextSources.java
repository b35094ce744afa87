package org.lmlab.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Stream;

import org.lmlab.config.BadInputException;

/**
 * Documents from whatever path a user points at:
 * <ul>
 *   <li>a file ending in {@code .jsonl}: one document per line, see {@link JsonlText};</li>
 *   <li>any other file: its whole content is one document (UTF-8, strictly checked);</li>
 *   <li>a directory: every non-hidden file below it, recursively, in order of relative path (compared as
 *       strings with '/' separators, so the order does not depend on the file system), each treated as above.</li>
 * </ul>
 * The returned {@link Iterable} reads lazily and can be iterated again (it re-reads).
 */
public final class TextSources {
    private TextSources() {
    }

    /** Documents of {@code path}, with JSON Lines text under {@value JsonlText#DEFAULT_FIELD}. */
    public static Iterable<String> read(Path path) {
        return read(path, JsonlText.DEFAULT_FIELD);
    }

    /** Documents of {@code path}, with JSON Lines text under {@code jsonlField}. */
    public static Iterable<String> read(Path path, String jsonlField) {
        if (!Files.exists(path)) {
            throw new BadInputException("text source " + path + " does not exist");
        }
        return () -> new Documents(files(path), jsonlField);
    }

    /**
     * The whole of {@code file} as UTF-8.
     *
     * @throws BadInputException naming the file and the byte offset if it is missing or not valid UTF-8
     */
    public static String readText(Path file) {
        byte[] bytes = readBytes(file);
        CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            return strict.decode(in).toString();
        } catch (CharacterCodingException e) {
            // On failure the decoder leaves the buffer at the start of the offending sequence.
            String at = e instanceof MalformedInputException ? " (bad byte sequence at offset " + in.position() + ")" : "";
            throw new BadInputException(file + ": not UTF-8 text" + at, e);
        }
    }

    static byte[] readBytes(Path file) {
        try {
            if (Files.size(file) > Integer.MAX_VALUE - 16) {
                throw new BadInputException(file + " is larger than 2 GB, too large to be one document;"
                        + " split it or convert it to JSON Lines");
            }
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new BadInputException("text file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new BadInputException("cannot read " + file + ": " + AtomicFile.describe(e), e);
        }
    }

    private static List<Path> files(Path path) {
        if (!Files.isDirectory(path)) {
            return List.of(path);
        }
        try (Stream<Path> walk = Files.walk(path)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !hidden(path.relativize(p)))
                    .sorted(Comparator.comparing(p -> slashed(path.relativize(p))))
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            throw new BadInputException("cannot list text directory " + path + ": " + e.getMessage(), e);
        }
    }

    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static String slashed(Path relative) {
        return relative.toString().replace(relative.getFileSystem().getSeparator(), "/");
    }

    /** Flattens the files into documents, opening each only when reached. */
    private static final class Documents implements Iterator<String> {
        private final Iterator<Path> files;
        private final String field;
        private Iterator<String> current = Collections.emptyIterator();

        Documents(List<Path> files, String field) {
            this.files = files.iterator();
            this.field = field;
        }

        @Override
        public boolean hasNext() {
            while (!current.hasNext() && files.hasNext()) {
                Path file = files.next();
                current = file.getFileName().toString().endsWith(".jsonl")
                        ? JsonlText.read(file, field).iterator()
                        : List.of(readText(file)).iterator();
            }
            return current.hasNext();
        }

        @Override
        public String next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return current.next();
        }
    }
}
