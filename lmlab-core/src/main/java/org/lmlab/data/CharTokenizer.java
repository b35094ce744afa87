package org.lmlab.data;

import java.nio.file.Path;
import java.util.Arrays;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.lmlab.config.BadInputException;

/**
 * One token per Unicode code point, over the characters seen in a training text (the classic char-level
 * Shakespeare setup). Token {@code i} is the {@code i}-th smallest distinct code point of the text given to
 * {@link #fit(String)}, so the same text always yields the same ids. Text containing a character that was not
 * fitted cannot be encoded.
 *
 * <p>Saved as {@code {"kind": "char", "vocab": ["\n", " ", "!", ...]}}: the vocabulary in id order, each entry a
 * string holding exactly one code point (a non-BMP character such as an emoji is one entry).
 */
public final class CharTokenizer implements Tokenizer {
    static final String KIND = "char";

    private final int[] codePoints;

    private CharTokenizer(int[] sortedDistinctCodePoints) {
        this.codePoints = sortedDistinctCodePoints;
    }

    /**
     * Builds the vocabulary from the distinct code points of {@code text}.
     *
     * @throws BadInputException if {@code text} is empty (a tokenizer with no tokens is useless)
     */
    public static CharTokenizer fit(String text) {
        int[] distinct = text.codePoints().sorted().distinct().toArray();
        if (distinct.length == 0) {
            throw new BadInputException("cannot fit a char tokenizer on empty text");
        }
        return new CharTokenizer(distinct);
    }

    @Override
    public int[] encode(String text) {
        int[] ids = new int[text.codePointCount(0, text.length())];
        int n = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int id = Arrays.binarySearch(codePoints, cp);
            if (id < 0) {
                throw new BadInputException("character " + describe(cp) + " at offset " + i
                        + " is not in the char tokenizer's vocabulary of " + codePoints.length
                        + " characters (it never occurs in the text the tokenizer was fitted on)");
            }
            ids[n++] = id;
            i += Character.charCount(cp);
        }
        return ids;
    }

    @Override
    public String decode(int[] ids) {
        StringBuilder out = new StringBuilder(ids.length);
        for (int i = 0; i < ids.length; i++) {
            int id = ids[i];
            if (id < 0 || id >= codePoints.length) {
                throw new BadInputException("token id " + id + " at position " + i
                        + " is outside the char tokenizer's vocabulary [0, " + codePoints.length + ")");
            }
            out.appendCodePoint(codePoints[id]);
        }
        return out.toString();
    }

    @Override
    public int vocabSize() {
        return codePoints.length;
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** The character with id {@code id}, as a string of one code point. */
    public String token(int id) {
        return Character.toString(codePoints[id]);
    }

    @Override
    public void save(Path file) {
        ObjectNode root = TokenizerJson.MAPPER.createObjectNode();
        root.put("kind", KIND);
        ArrayNode vocab = root.putArray("vocab");
        for (int cp : codePoints) {
            vocab.add(Character.toString(cp));
        }
        TokenizerJson.write(file, root);
    }

    static CharTokenizer fromJson(JsonNode root, Path file) {
        JsonNode vocab = root.path("vocab");
        if (!vocab.isArray() || vocab.isEmpty()) {
            throw new BadInputException("tokenizer file " + file
                    + ": a char tokenizer needs a non-empty \"vocab\" array of one-character strings, found "
                    + (vocab.isMissingNode() ? "no \"vocab\"" : TokenizerJson.typeName(vocab)));
        }
        int[] cps = new int[vocab.size()];
        for (int i = 0; i < cps.length; i++) {
            JsonNode entry = vocab.get(i);
            String s = entry.isTextual() ? entry.asText() : "";
            if (s.isEmpty() || s.codePointCount(0, s.length()) != 1) {
                throw new BadInputException("tokenizer file " + file + ": vocab[" + i
                        + "] must be a string of exactly one character, found " + entry);
            }
            cps[i] = s.codePointAt(0);
            if (i > 0 && cps[i] <= cps[i - 1]) {
                // Ids are positions in sorted order; an unsorted or repeated list would silently renumber tokens.
                throw new BadInputException("tokenizer file " + file + ": vocab[" + i + "] " + describe(cps[i])
                        + " is not after vocab[" + (i - 1) + "] " + describe(cps[i - 1])
                        + "; the vocab must list distinct characters in code point order");
            }
        }
        return new CharTokenizer(cps);
    }

    private static String describe(int cp) {
        String hex = String.format("U+%04X", cp);
        boolean visible = !Character.isISOControl(cp) && !Character.isWhitespace(cp) && Character.isDefined(cp);
        return visible ? "'" + Character.toString(cp) + "' (" + hex + ")" : hex;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CharTokenizer other && Arrays.equals(codePoints, other.codePoints);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(codePoints);
    }

    @Override
    public String toString() {
        return "CharTokenizer[vocab=" + codePoints.length + "]";
    }
}
