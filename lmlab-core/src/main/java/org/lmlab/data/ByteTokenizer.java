package org.lmlab.data;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.lmlab.config.BadInputException;

/**
 * The simplest tokenizer: one token per UTF-8 byte, so the vocabulary is always 256 and needs no training. The id
 * of a byte is its unsigned value ({@code 'A'} is 65, {@code é} is the two tokens 195, 169).
 *
 * <p>Saved as {@code {"kind": "byte", "vocab_size": 256}}.
 */
public final class ByteTokenizer implements Tokenizer {
    static final String KIND = "byte";
    private static final int VOCAB = 256;

    /** Creates the (stateless) byte tokenizer. */
    public ByteTokenizer() {
    }

    @Override
    public int[] encode(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int[] ids = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            ids[i] = bytes[i] & 0xFF;
        }
        return ids;
    }

    @Override
    public String decode(int[] ids) {
        byte[] bytes = new byte[ids.length];
        for (int i = 0; i < ids.length; i++) {
            int id = ids[i];
            if (id < 0 || id >= VOCAB) {
                throw new BadInputException("token id " + id + " at position " + i
                        + " is outside the byte tokenizer's vocabulary [0, 256)");
            }
            bytes[i] = (byte) id;
        }
        // String's UTF-8 decoder substitutes U+FFFD for malformed input, which is what we want for model samples.
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public int vocabSize() {
        return VOCAB;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void save(Path file) {
        ObjectNode root = TokenizerJson.MAPPER.createObjectNode();
        root.put("kind", KIND);
        root.put("vocab_size", VOCAB);
        TokenizerJson.write(file, root);
    }

    static ByteTokenizer fromJson(JsonNode root, Path file) {
        JsonNode size = root.path("vocab_size");
        if (!size.isMissingNode() && !(size.canConvertToInt() && size.asInt() == VOCAB && size.isIntegralNumber())) {
            throw new BadInputException("tokenizer file " + file + ": a byte tokenizer has vocab_size 256, found "
                    + size);
        }
        return new ByteTokenizer();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ByteTokenizer;
    }

    @Override
    public int hashCode() {
        return VOCAB;
    }

    @Override
    public String toString() {
        return "ByteTokenizer[vocab=256]";
    }
}
