package org.lmlab.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.lmlab.config.BadInputException;

/**
 * Converts {@link BpeTokenizer} to and from the Hugging Face {@code tokenizer.json} layout. Reading is strict about
 * anything that would change how text is split (normalizers, other pre-tokenizers, subword prefixes), because
 * silently ignoring those would give different ids than the file's authors got; it is lenient about parts that
 * only matter to other features (truncation, padding, decoder, post-processor, dropout).
 */
final class BpeJson {
    private BpeJson() {
    }

    static ObjectNode toJson(BpeTokenizer tok) {
        ObjectNode root = TokenizerJson.MAPPER.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        tok.addedTokens.forEach(added::add);
        root.putNull("normalizer");
        byteLevel(root.putObject("pre_tokenizer"), tok.addPrefixSpace);
        root.putNull("post_processor");
        // HF's ByteLevel decoder ignores its flags; these are the values its own GPT-2 file carries.
        byteLevel(root.putObject("decoder"), true);
        ObjectNode model = root.putObject("model");
        model.put("type", "BPE");
        model.putNull("dropout");
        model.putNull("unk_token");
        model.put("continuing_subword_prefix", "");
        model.put("end_of_word_suffix", "");
        model.put("fuse_unk", false);
        model.put("byte_fallback", false);
        if (tok.ignoreMerges) {
            // Only written when set: tokenizers releases before 0.19 do not know the key.
            model.put("ignore_merges", true);
        }
        ObjectNode vocab = model.putObject("vocab");
        for (int id = 0; id < tok.vocabSize(); id++) {
            if (tok.token(id) != null) {
                vocab.put(tok.token(id), id);
            }
        }
        ArrayNode merges = model.putArray("merges");
        for (int rank = 0; rank < tok.mergeCount(); rank++) {
            String[] pair = tok.merge(rank);
            merges.add(pair[0] + " " + pair[1]);
        }
        return root;
    }

    private static void byteLevel(ObjectNode node, boolean addPrefixSpace) {
        node.put("type", "ByteLevel");
        node.put("add_prefix_space", addPrefixSpace);
        node.put("trim_offsets", true);
        node.put("use_regex", true);
    }

    static BpeTokenizer read(JsonNode root, Path file) {
        String where = "tokenizer file " + file;
        JsonNode model = root.path("model");
        if (!model.isObject()) {
            throw new BadInputException(where + " is not a BPE tokenizer.json: no \"model\" object ("
                    + TokenizerJson.keysOf(root) + ")");
        }
        String type = model.path("type").asText("");
        if (!type.equals("BPE")) {
            throw new BadInputException(where + " is not a BPE tokenizer.json: model.type is "
                    + (type.isEmpty() ? "missing" : "\"" + type + "\"") + ", expected \"BPE\"");
        }
        if (!root.path("normalizer").isNull() && !root.path("normalizer").isMissingNode()) {
            throw new BadInputException(where + ": normalizer " + typeOf(root.path("normalizer"))
                    + " is not supported; lmlab reads byte-level BPE without a normalizer (GPT-2 style)");
        }
        JsonNode pre = root.path("pre_tokenizer");
        if (!typeOf(pre).equals("ByteLevel") || !pre.path("use_regex").asBoolean(true)) {
            throw new BadInputException(where + ": pre_tokenizer " + typeOf(pre)
                    + (typeOf(pre).equals("ByteLevel") ? " with use_regex false" : "")
                    + " is not supported; lmlab reads byte-level BPE whose pre_tokenizer is ByteLevel (GPT-2 style)");
        }
        for (String affix : List.of("continuing_subword_prefix", "end_of_word_suffix")) {
            if (!model.path(affix).asText("").isEmpty()) {
                throw new BadInputException(where + ": model." + affix + " \"" + model.path(affix).asText()
                        + "\" is not supported by byte-level BPE");
            }
        }
        String[] tokens = readVocab(model.path("vocab"), root.path("added_tokens"), where);
        Map<String, Integer> ids = new HashMap<>(tokens.length * 2);
        for (int id = 0; id < tokens.length; id++) {
            if (tokens[id] != null) {
                ids.putIfAbsent(tokens[id], id);
            }
        }
        List<int[]> merges = readMerges(model.path("merges"), ids, where);
        List<JsonNode> added = new ArrayList<>();
        root.path("added_tokens").forEach(added::add);
        return new BpeTokenizer(tokens, merges, pre.path("add_prefix_space").asBoolean(false),
                model.path("ignore_merges").asBoolean(false), added);
    }

    private static String[] readVocab(JsonNode vocab, JsonNode addedTokens, String where) {
        if (!vocab.isObject() || vocab.isEmpty()) {
            throw new BadInputException(where + ": model.vocab must be a non-empty object mapping token to id, found "
                    + (vocab.isMissingNode() ? "nothing" : TokenizerJson.typeName(vocab)));
        }
        Map<Integer, String> byId = new HashMap<>(vocab.size() * 2);
        int max = -1;
        for (Map.Entry<String, JsonNode> e : vocab.properties()) {
            int id = id(e.getValue(), where + ": model.vocab[\"" + e.getKey() + "\"]");
            String previous = byId.putIfAbsent(id, e.getKey());
            if (previous != null) {
                throw new BadInputException(where + ": model.vocab gives id " + id + " to both \"" + previous
                        + "\" and \"" + e.getKey() + "\"");
            }
            max = Math.max(max, id);
        }
        // Added tokens normally repeat a vocab entry; those that do not still need an id for decoding.
        int i = 0;
        for (JsonNode t : addedTokens) {
            int id = id(t.path("id"), where + ": added_tokens[" + i + "].id");
            String content = t.path("content").asText("");
            if (!byId.containsKey(id)) {
                byId.put(id, content);
                max = Math.max(max, id);
            }
            i++;
        }
        String[] tokens = new String[max + 1];
        byId.forEach((id, token) -> tokens[id] = token);
        return tokens;
    }

    private static int id(JsonNode node, String what) {
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < 0) {
            throw new BadInputException(what + " must be a non-negative integer id, found " + node);
        }
        return node.asInt();
    }

    private static List<int[]> readMerges(JsonNode merges, Map<String, Integer> ids, String where) {
        if (!merges.isArray()) {
            throw new BadInputException(where + ": model.merges must be an array, found "
                    + (merges.isMissingNode() ? "nothing" : TokenizerJson.typeName(merges)));
        }
        List<int[]> out = new ArrayList<>(merges.size());
        int rank = 0;
        for (JsonNode m : merges) {
            String left;
            String right;
            if (m.isTextual() && m.asText().indexOf(' ') > 0 && m.asText().indexOf(' ') == m.asText().lastIndexOf(' ')) {
                int space = m.asText().indexOf(' ');
                left = m.asText().substring(0, space);
                right = m.asText().substring(space + 1);
            } else if (m.isArray() && m.size() == 2 && m.get(0).isTextual() && m.get(1).isTextual()) {
                left = m.get(0).asText();
                right = m.get(1).asText();
            } else {
                throw new BadInputException(where + ": model.merges[" + rank + "] must be a string \"a b\" or an"
                        + " array [\"a\", \"b\"], found " + m);
            }
            Integer l = ids.get(left);
            Integer r = ids.get(right);
            if (l == null || r == null || !ids.containsKey(left + right)) {
                String missing = l == null ? left : r == null ? right : left + right;
                throw new BadInputException(where + ": model.merges[" + rank + "] " + m + " needs token \""
                        + missing + "\", which is not in model.vocab");
            }
            out.add(new int[] {l, r});
            rank++;
        }
        return out;
    }

    private static String typeOf(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return "null";
        }
        return node.path("type").asText("(no type)");
    }
}
