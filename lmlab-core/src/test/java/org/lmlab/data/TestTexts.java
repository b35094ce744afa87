package org.lmlab.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Deterministic pseudo-English (with some non-ASCII words) for tokenizer and shard tests. */
final class TestTexts {
    private static final String[] WORDS = {
        "the", "of", "and", "to", "in", "is", "it", "that", "was", "he", "for", "on", "are", "with", "as", "his",
        "they", "be", "at", "one", "have", "this", "from", "or", "had", "by", "word", "but", "what", "some", "we",
        "can", "out", "other", "were", "all", "there", "when", "up", "use", "your", "how", "said", "an", "each",
        "café", "naïve", "Straße", "日本", "über", "niño", "42", "2024", "3.14", "don't", "we'll", "it's",
    };
    private static final String[] PUNCT = {".", ",", "!", "?", ";", " -", ":"};

    private TestTexts() {
    }

    static List<String> documents(int count, long seed) {
        Random r = new Random(seed);
        List<String> docs = new ArrayList<>(count);
        for (int d = 0; d < count; d++) {
            StringBuilder sb = new StringBuilder();
            int sentences = 1 + r.nextInt(4);
            for (int s = 0; s < sentences; s++) {
                int n = 3 + r.nextInt(10);
                for (int w = 0; w < n; w++) {
                    String word = WORDS[Math.min(WORDS.length - 1, (int) (Math.abs(r.nextGaussian()) * 15))];
                    sb.append(w == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word);
                    sb.append(w + 1 < n ? " " : PUNCT[r.nextInt(PUNCT.length)]);
                }
                sb.append(r.nextInt(5) == 0 ? "\n\n" : " ");
            }
            docs.add(sb.toString());
        }
        return docs;
    }
}
