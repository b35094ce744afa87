package org.lmlab.data;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;

import com.fasterxml.jackson.databind.JsonNode;

import org.lmlab.config.BadInputException;

/**
 * Byte-level BPE as in GPT-2: text is split into pre-tokens by {@link ByteLevel#PRETOKENIZE}, each pre-token's
 * UTF-8 bytes start as one symbol per byte, and the learned merges are applied lowest rank first until no adjacent
 * pair has a merge. Pre-tokens never merge with each other, so {@code " the"} and {@code "the"} are different tokens.
 *
 * <p>Tokens are stored as strings over the 256-character byte alphabet described in {@link ByteLevel}. A
 * tokenizer trained by {@link BpeTrainer} gives byte {@code b} the id {@code b} and merge {@code r} the id
 * {@code 256 + r} (unless two merges spell the same token); one loaded from elsewhere keeps the ids of its file.
 *
 * <p>The file format is the Hugging Face {@code tokenizer.json}; see {@link #save(Path)} and {@link #load(Path)}.
 * Added (special) tokens of a loaded file can be decoded but are never produced by {@link #encode(String)}: text
 * such as {@code "<|endoftext|>"} is encoded as ordinary characters, and no post-processor template is applied.
 */
public final class BpeTokenizer implements Tokenizer {
    static final String KIND = "bpe";
    // Bounds the per-word cache so that encoding a huge corpus with a long tail of rare words cannot exhaust memory.
    private static final int CACHE_LIMIT = 1 << 18;

    private final String[] tokens;
    private final byte[][] tokenBytes;
    private final Map<String, Integer> ids;
    private final int[] byteIds = new int[256];
    private final int[] mergeLeft;
    private final int[] mergeRight;
    private final int[] mergeResult;
    private final Map<Long, Integer> rankOfPair;
    final boolean addPrefixSpace;
    final boolean ignoreMerges;
    final List<JsonNode> addedTokens;
    private final Map<String, int[]> cache = new ConcurrentHashMap<>();

    /**
     * @param tokens      token strings over the byte alphabet, indexed by id; null where an id is unused
     * @param merges      pairs of token ids in rank order; the result is the token spelled by their concatenation
     * @param addedTokens Hugging Face added_tokens entries, kept only to be written back unchanged
     */
    BpeTokenizer(String[] tokens, List<int[]> merges, boolean addPrefixSpace, boolean ignoreMerges,
                 List<JsonNode> addedTokens) {
        this.tokens = tokens;
        this.tokenBytes = new byte[tokens.length][];
        this.ids = new HashMap<>(tokens.length * 2);
        for (int id = 0; id < tokens.length; id++) {
            if (tokens[id] != null) {
                tokenBytes[id] = ByteLevel.toBytes(tokens[id]);
                ids.putIfAbsent(tokens[id], id);
            }
        }
        for (int b = 0; b < 256; b++) {
            byteIds[b] = ids.getOrDefault(String.valueOf(ByteLevel.charOf(b)), -1);
        }
        int n = merges.size();
        this.mergeLeft = new int[n];
        this.mergeRight = new int[n];
        this.mergeResult = new int[n];
        this.rankOfPair = new HashMap<>(n * 2);
        for (int rank = 0; rank < n; rank++) {
            int[] m = merges.get(rank);
            mergeLeft[rank] = m[0];
            mergeRight[rank] = m[1];
            Integer result = ids.get(tokens[m[0]] + tokens[m[1]]);
            if (result == null) {
                throw new IllegalArgumentException("merge " + rank + " result is not in the vocabulary");
            }
            mergeResult[rank] = result;
            // Repeated merges of the same pair are dead weight in some files; the first (lowest) rank is the one used.
            rankOfPair.putIfAbsent(pairKey(m[0], m[1]), rank);
        }
        this.addPrefixSpace = addPrefixSpace;
        this.ignoreMerges = ignoreMerges;
        this.addedTokens = List.copyOf(addedTokens);
    }

    /**
     * Reads a Hugging Face {@code tokenizer.json} whose model is byte-level BPE: {@code model.type} "BPE", a
     * {@code model.vocab} object mapping token strings to ids, {@code model.merges} as {@code "a b"} strings or
     * {@code ["a", "b"]} arrays in rank order, no normalizer, and a {@code ByteLevel} pre-tokenizer (GPT-2 regex).
     *
     * @throws BadInputException with one line naming {@code file} and what it holds instead
     */
    public static BpeTokenizer load(Path file) {
        return fromJson(TokenizerJson.read(file), file);
    }

    static BpeTokenizer fromJson(JsonNode root, Path file) {
        return BpeJson.read(root, file);
    }

    /**
     * Writes a Hugging Face {@code tokenizer.json} (version "1.0"): {@code model} of type "BPE" with {@code vocab}
     * in id order and {@code merges} as {@code "a b"} strings in rank order; {@code pre_tokenizer} and
     * {@code decoder} ByteLevel; no normalizer or post-processor. {@code tokenizers.Tokenizer.from_file} loads it
     * and encodes like this class. The write is atomic.
     */
    @Override
    public void save(Path file) {
        TokenizerJson.write(file, BpeJson.toJson(this));
    }

    @Override
    public int[] encode(String text) {
        if (addPrefixSpace && !text.isEmpty() && text.charAt(0) != ' ') {
            text = " " + text;
        }
        int[] out = new int[Math.max(16, text.length() / 3)];
        int n = 0;
        Matcher m = ByteLevel.PRETOKENIZE.matcher(text);
        while (m.find()) {
            String word = m.group();
            int[] wordIds = cache.get(word);
            if (wordIds == null) {
                wordIds = encodeWord(word);
                if (cache.size() >= CACHE_LIMIT) {
                    cache.clear();
                }
                cache.put(word, wordIds);
            }
            if (n + wordIds.length > out.length) {
                out = Arrays.copyOf(out, Math.max(out.length * 2, n + wordIds.length));
            }
            System.arraycopy(wordIds, 0, out, n, wordIds.length);
            n += wordIds.length;
        }
        return Arrays.copyOf(out, n);
    }

    private int[] encodeWord(String word) {
        byte[] bytes = word.getBytes(StandardCharsets.UTF_8);
        if (ignoreMerges) {
            Integer whole = ids.get(ByteLevel.toSymbols(bytes));
            if (whole != null) {
                return new int[] {whole};
            }
        }
        int[] sym = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            sym[i] = byteIds[bytes[i] & 0xFF];
            if (sym[i] < 0) {
                throw new BadInputException(String.format("byte 0x%02X (in %s) has no token in this BPE vocabulary;"
                        + " the tokenizer was trained without the full byte alphabet", bytes[i] & 0xFF, quote(word)));
            }
        }
        int len = sym.length;
        while (len > 1) {
            int best = Integer.MAX_VALUE;
            for (int i = 0; i + 1 < len; i++) {
                Integer rank = rankOfPair.get(pairKey(sym[i], sym[i + 1]));
                if (rank != null && rank < best) {
                    best = rank;
                }
            }
            if (best == Integer.MAX_VALUE) {
                break;
            }
            len = mergeInPlace(sym, len, mergeLeft[best], mergeRight[best], mergeResult[best]);
        }
        return Arrays.copyOf(sym, len);
    }

    /**
     * Replaces every occurrence of {@code left right}, scanning left to right without overlap ("aaa" with merge
     * "a a" becomes "aa a"), and returns the new length. Training uses the same rule, so encodings of training
     * words reproduce the trainer's segmentation.
     */
    static int mergeInPlace(int[] sym, int len, int left, int right, int result) {
        int j = 0;
        for (int i = 0; i < len; ) {
            if (i + 1 < len && sym[i] == left && sym[i + 1] == right) {
                sym[j++] = result;
                i += 2;
            } else {
                sym[j++] = sym[i++];
            }
        }
        return j;
    }

    static long pairKey(int left, int right) {
        return ((long) left << 32) | (right & 0xFFFFFFFFL);
    }

    @Override
    public String decode(int[] ids) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(ids.length * 4);
        for (int i = 0; i < ids.length; i++) {
            int id = ids[i];
            if (id < 0 || id >= tokenBytes.length || tokenBytes[id] == null) {
                throw new BadInputException("token id " + id + " at position " + i + " is not in this BPE vocabulary"
                        + " (size " + tokenBytes.length + ")");
            }
            out.writeBytes(tokenBytes[id]);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Override
    public int vocabSize() {
        return tokens.length;
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** Number of merges (ranks). */
    public int mergeCount() {
        return mergeLeft.length;
    }

    /** The token string of {@code id} over the byte alphabet (e.g. "Ġthe"), or null if the id is unused. */
    public String token(int id) {
        return tokens[id];
    }

    /** The raw bytes token {@code id} stands for. */
    public byte[] tokenBytes(int id) {
        return tokenBytes[id].clone();
    }

    /** The id of a token string over the byte alphabet, or -1. */
    public int id(String token) {
        return ids.getOrDefault(token, -1);
    }

    /** Merge {@code rank} as the pair of token strings it joins, e.g. {@code ["Ġ", "t"]}. */
    public String[] merge(int rank) {
        return new String[] {tokens[mergeLeft[rank]], tokens[mergeRight[rank]]};
    }

    private static String quote(String word) {
        return "\"" + (word.length() > 40 ? word.substring(0, 40) + "..." : word) + "\"";
    }

    @Override
    public String toString() {
        return "BpeTokenizer[vocab=" + tokens.length + ", merges=" + mergeLeft.length + "]";
    }
}
