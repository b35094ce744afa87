package org.lmlab.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.lmlab.config.BadInputException;

/**
 * The fortunes of Debian's {@code fortunes} packages as a small, freely available English corpus (about 2.6 MB and
 * 15,000 fortunes with {@code fortunes} installed, 0.6 MB with only {@code fortunes-min}).
 *
 * <p>A fortune directory holds, per category {@code X}: the text file {@code X}, whose fortunes are separated by
 * lines consisting of a single {@code %}; the index {@code X.dat} used by the {@code fortune} program; and often
 * {@code X.u8}, a UTF-8 variant (today usually a symlink to {@code X}). Offensive categories live in the
 * subdirectory {@code off/}, ROT13-encoded.
 *
 * <p>This reader takes the files without an extension in the directory itself (not {@code off/}, nor anything
 * that resolves into it), in file name order; for each it reads {@code X.u8} when that is a distinct file, else
 * {@code X}, as UTF-8, falling back to ISO-8859-1 for old Latin-1 files. Fortunes come out in file order, trimmed
 * of trailing whitespace, with empty ones dropped. Terminal overstrike sequences ({@code "_\bI"} for an underlined
 * I, {@code "X\bX"} for bold X) are flattened to the visible text, since a model would otherwise spend capacity
 * learning backspaces.
 */
public final class FortuneCorpus {
    /** Where Debian installs the fortunes. */
    public static final Path DEFAULT_DIR = Path.of("/usr/share/games/fortunes");

    private FortuneCorpus() {
    }

    /** The fortunes in {@link #DEFAULT_DIR}. */
    public static List<String> read() {
        return read(DEFAULT_DIR);
    }

    /**
     * The fortunes in {@code dir}.
     *
     * @throws BadInputException if {@code dir} is missing or holds no fortune files
     */
    public static List<String> read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException("fortune directory " + dir + " does not exist"
                    + " (on Debian or Ubuntu: apt-get install fortunes)");
        }
        List<String> out = new ArrayList<>();
        List<Path> files = textFiles(dir);
        if (files.isEmpty()) {
            throw new BadInputException("fortune directory " + dir + " holds no fortune files (files without an"
                    + " extension, fortunes separated by lines of '%')");
        }
        for (Path file : files) {
            out.addAll(parse(decode(TextSources.readBytes(utf8Variant(file)))));
        }
        return out;
    }

    /**
     * The fortunes of one category file {@code dir/topic} (its UTF-8 variant when distinct), e.g. topic
     * {@code computers}: a topic-labelled corpus for domain experiments.
     *
     * @throws BadInputException if there is no such fortune file
     */
    public static List<String> readTopic(Path dir, String topic) {
        Path file = dir.resolve(topic);
        if (topic.contains("/") || topic.contains(".") || !Files.isRegularFile(file)) {
            throw new BadInputException("no fortune topic '" + topic + "' in " + dir
                    + " (on Debian or Ubuntu: apt-get install fortunes)");
        }
        return parse(decode(TextSources.readBytes(utf8Variant(file))));
    }

    /** Splits a fortune file's text at lines that are exactly {@code %}. */
    static List<String> parse(String text) {
        List<String> fortunes = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\r?\n", -1)) {
            if (line.equals("%")) {
                add(fortunes, current);
                current.setLength(0);
            } else {
                current.append(line).append('\n');
            }
        }
        add(fortunes, current);
        return fortunes;
    }

    private static void add(List<String> fortunes, StringBuilder raw) {
        String fortune = flattenOverstrike(raw).stripTrailing();
        if (!fortune.isBlank()) {
            fortunes.add(fortune);
        }
    }

    /** Applies each backspace to the character before it, as a printing terminal would show the result. */
    static String flattenOverstrike(CharSequence s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\b') {
                out.append(c);
            } else if (!out.isEmpty() && out.charAt(out.length() - 1) != '\n') {
                out.setLength(out.length() - 1);
            }
        }
        return out.toString();
    }

    private static List<Path> textFiles(Path dir) {
        Path off = dir.resolve("off");
        try (Stream<Path> list = Files.list(dir)) {
            List<Path> candidates = list
                    .filter(p -> !p.getFileName().toString().contains("."))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
            List<Path> out = new ArrayList<>();
            for (Path p : candidates) {
                // A symlink from the top level into off/ would otherwise smuggle an offensive file in.
                if (!Files.isDirectory(off) || !p.toRealPath().startsWith(off.toRealPath())) {
                    out.add(p);
                }
            }
            return out;
        } catch (IOException e) {
            throw new BadInputException("cannot list fortune directory " + dir + ": " + AtomicFile.describe(e), e);
        }
    }

    private static Path utf8Variant(Path file) {
        Path u8 = file.resolveSibling(file.getFileName() + ".u8");
        try {
            return Files.isRegularFile(u8) && !Files.isSameFile(file, u8) ? u8 : file;
        } catch (IOException e) {
            return file;
        }
    }

    private static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }
}
