package org.lmlab.data;

import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;

import org.lmlab.config.BadInputException;

/**
 * Maps text to token ids in {@code [0, vocabSize())} and back.
 *
 * <p>Every tokenizer here round-trips: {@code decode(encode(s)).equals(s)} for any string {@code s} that is valid
 * UTF-16 (and, for {@link CharTokenizer}, uses only fitted characters). Implementations are immutable and safe to
 * share between threads.
 *
 * <p>Saved tokenizers are JSON files, told apart by their content rather than their name:
 * <ul>
 *   <li>{@code {"kind": "byte", ...}} — {@link ByteTokenizer};</li>
 *   <li>{@code {"kind": "char", ...}} — {@link CharTokenizer};</li>
 *   <li>an object with a {@code "model"} member — a Hugging Face {@code tokenizer.json}, read by
 *       {@link BpeTokenizer}.</li>
 * </ul>
 */
public interface Tokenizer {
    /** Token ids for {@code text}; never null, empty for empty text. */
    int[] encode(String text);

    /**
     * The text for {@code ids}. Byte-based tokenizers replace byte sequences that are not valid UTF-8 (a model
     * can emit half a character) with U+FFFD rather than failing.
     *
     * @throws BadInputException if an id is outside {@code [0, vocabSize())}
     */
    String decode(int[] ids);

    /** One more than the largest id this tokenizer can produce or decode. */
    int vocabSize();

    /** {@code "byte"}, {@code "char"} or {@code "bpe"}; recorded in run configs and shown to users. */
    String kind();

    /**
     * Writes this tokenizer so that {@link #load(Path)} restores an identical one. The write is atomic (a temporary
     * file in the same directory is renamed over {@code file}), so a crash never leaves a truncated tokenizer that a
     * later run would load. Parent directories are created.
     */
    void save(Path file);

    /**
     * Reads a tokenizer saved by {@link #save(Path)} or a Hugging Face byte-level BPE {@code tokenizer.json},
     * detecting the kind from the content.
     *
     * @throws BadInputException naming {@code file} if it is missing, not JSON, or not a tokenizer we can read
     */
    static Tokenizer load(Path file) {
        JsonNode root = TokenizerJson.read(file);
        if (root.isObject() && root.has("model")) {
            return BpeTokenizer.fromJson(root, file);
        }
        JsonNode kind = root.path("kind");
        return switch (kind.isTextual() ? kind.asText() : "") {
            case ByteTokenizer.KIND -> ByteTokenizer.fromJson(root, file);
            case CharTokenizer.KIND -> CharTokenizer.fromJson(root, file);
            default -> throw new BadInputException("tokenizer file " + file + " is not a tokenizer: expected"
                    + " {\"kind\": \"byte\"|\"char\", ...} or a Hugging Face tokenizer.json with \"model\", found "
                    + (kind.isMissingNode() ? TokenizerJson.keysOf(root) : "kind " + kind));
        };
    }
}
