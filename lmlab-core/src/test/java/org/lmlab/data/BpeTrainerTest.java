package org.lmlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

import org.junit.jupiter.api.Test;
import org.lmlab.config.BadInputException;

class BpeTrainerTest {
    @Test
    void tinyExampleMergesByCountThenBytes() {
        // "aaabdaaabac" is one pre-token. Counts: aa 4, ab 2, ... -> merge a+a first. Then "aa a b d aa a b a c":
        // (aa,a) and (a,b) both occur twice; "a" sorts before "aa", so a+b wins the tie. Then aa+ab (twice).
        BpeTokenizer tok = BpeTrainer.train("aaabdaaabac", 259);
        assertEquals(3, tok.mergeCount());
        assertArrayEquals(new String[] {"a", "a"}, tok.merge(0));
        assertArrayEquals(new String[] {"a", "b"}, tok.merge(1));
        assertArrayEquals(new String[] {"aa", "ab"}, tok.merge(2));
        assertEquals(256, tok.id("aa"));
        assertEquals(257, tok.id("ab"));
        assertEquals(258, tok.id("aaab"));
        assertArrayEquals(new int[] {258, 'd', 258, 'a', 'c'}, tok.encode("aaabdaaabac"));
    }

    @Test
    void encodingAppliesMergesInRankOrder() {
        BpeTokenizer tok = BpeTrainer.train("aaabdaaabac", 259);
        // "aab": a+a (rank 0) beats a+b (rank 1) although a+b is further right; then "aa b" has no merge.
        assertArrayEquals(new int[] {256, 'b'}, tok.encode("aab"));
        // Left to right without overlap: "aaa" is "aa a", then nothing joins aa+a.
        assertArrayEquals(new int[] {256, 'a'}, tok.encode("aaa"));
        assertArrayEquals(new int[] {257, 257}, tok.encode("abab"));
        assertArrayEquals(new int[] {258, 'a'}, tok.encode("aaaba"));
    }

    @Test
    void pairsNeverSpanPreTokensAndTrainingStopsWhenPairsRunOut() {
        BpeTokenizer tok = BpeTrainer.train("a a a a", 1000);
        assertEquals(1, tok.mergeCount());
        assertEquals(257, tok.vocabSize());
        assertEquals("Ġa", tok.token(256));
        assertArrayEquals(new int[] {'a', 256, 256}, tok.encode("a a a"));
    }

    @Test
    void vocabBelowByteAlphabetIsRejected() {
        assertThrows(BadInputException.class, () -> BpeTrainer.train("abc", 255));
    }

    @Test
    void resultDoesNotDependOnDocumentOrder() {
        List<String> docs = TestTexts.documents(200, 7);
        List<String> reversed = new ArrayList<>(docs);
        java.util.Collections.reverse(reversed);
        BpeTokenizer a = BpeTrainer.train(docs, 600);
        BpeTokenizer b = BpeTrainer.train(reversed, 600);
        assertEquals(a.mergeCount(), b.mergeCount());
        for (int r = 0; r < a.mergeCount(); r++) {
            assertArrayEquals(a.merge(r), b.merge(r), "merge " + r);
        }
    }

    @Test
    void incrementalCountsMatchFullRecountEveryStep() {
        List<String> docs = TestTexts.documents(60, 3);
        BpeTokenizer tok = BpeTrainer.train(docs, 420);
        List<String[]> expected = naiveMerges(docs, 420);
        assertEquals(expected.size(), tok.mergeCount());
        for (int r = 0; r < expected.size(); r++) {
            assertArrayEquals(expected.get(r), tok.merge(r), "merge " + r);
        }
    }

    /** The textbook algorithm: recount every pair of every word before each merge. */
    private static List<String[]> naiveMerges(List<String> docs, int vocabSize) {
        Map<String, Long> counts = new HashMap<>();
        for (String d : docs) {
            Matcher m = ByteLevel.PRETOKENIZE.matcher(d);
            while (m.find()) {
                counts.merge(m.group(), 1L, Long::sum);
            }
        }
        List<List<String>> words = new ArrayList<>();
        List<Long> freq = new ArrayList<>();
        counts.forEach((w, f) -> {
            List<String> syms = new ArrayList<>();
            for (char c : ByteLevel.toSymbols(w.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toCharArray()) {
                syms.add(String.valueOf(c));
            }
            words.add(syms);
            freq.add(f);
        });
        java.util.Set<String> vocab = new java.util.HashSet<>();
        for (int b = 0; b < 256; b++) {
            vocab.add(String.valueOf(ByteLevel.charOf(b)));
        }
        List<String[]> merges = new ArrayList<>();
        while (vocab.size() < vocabSize) {
            Map<List<String>, Long> pairs = new HashMap<>();
            for (int w = 0; w < words.size(); w++) {
                List<String> s = words.get(w);
                for (int i = 0; i + 1 < s.size(); i++) {
                    pairs.merge(List.of(s.get(i), s.get(i + 1)), freq.get(w), Long::sum);
                }
            }
            List<String> best = null;
            for (var e : pairs.entrySet()) {
                if (best == null || e.getValue() > pairs.get(best)
                        || (e.getValue().equals(pairs.get(best)) && byteOrder(e.getKey(), best) < 0)) {
                    best = e.getKey();
                }
            }
            if (best == null) {
                break;
            }
            merges.add(best.toArray(new String[0]));
            vocab.add(best.get(0) + best.get(1));
            for (List<String> s : words) {
                for (int i = 0; i + 1 < s.size(); i++) {
                    if (s.get(i).equals(best.get(0)) && s.get(i + 1).equals(best.get(1))) {
                        s.set(i, best.get(0) + best.get(1));
                        s.remove(i + 1);
                    }
                }
            }
        }
        return merges;
    }

    private static int byteOrder(List<String> a, List<String> b) {
        int c = Arrays.compareUnsigned(ByteLevel.toBytes(a.get(0)), ByteLevel.toBytes(b.get(0)));
        return c != 0 ? c : Arrays.compareUnsigned(ByteLevel.toBytes(a.get(1)), ByteLevel.toBytes(b.get(1)));
    }
}
