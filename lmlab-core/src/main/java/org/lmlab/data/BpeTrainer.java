package org.lmlab.data;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.regex.Matcher;

import org.lmlab.config.BadInputException;

/**
 * Learns a GPT-2 style byte-level BPE vocabulary.
 *
 * <p>The vocabulary starts as the 256 bytes (id = byte value). Each step merges the adjacent symbol pair with the
 * highest count over the training text into a new token; a pair's count is the number of times it occurs, pre-token
 * by pre-token, as the text is currently segmented. Ties go to the pair whose left token's bytes sort first
 * (unsigned, shorter prefix first), then the right token's bytes, so training is fully deterministic and
 * independent of input order. Steps continue until {@code vocabSize} tokens exist or no pair is left.
 *
 * <p>The cost is dominated by one pass of the pre-tokenizer over the text. After that only distinct pre-tokens
 * ("words", with their frequencies) are kept, each pair remembers which words contain it, and a merge only
 * revisits those words, adjusting pair counts by the difference between a word's old and new segmentation.
 */
public final class BpeTrainer {
    /** A symbol pair with its running count and the words it has appeared in (possibly stale, never missing). */
    private static final class Pair {
        final int left;
        final int right;
        long count;
        int[] words = new int[2];
        int size;
        int queuedAt = -1;

        Pair(int left, int right) {
            this.left = left;
            this.right = right;
        }

        void addWord(int w) {
            if (size > 0 && words[size - 1] == w) {
                return;
            }
            if (size == words.length) {
                words = Arrays.copyOf(words, size * 2);
            }
            words[size++] = w;
        }
    }

    /** A heap entry: the pair's count when it was queued. Outdated entries are recognised and requeued on pop. */
    private record Candidate(long count, Pair pair) {
    }

    private final int[][] words;
    private final long[] freq;
    private final int[] visitedAt;
    private final Map<Long, Pair> pairs = new HashMap<>();
    private final List<byte[]> tokenBytes = new ArrayList<>();
    private final Map<String, Integer> tokenIds = new HashMap<>();
    private final List<int[]> merges = new ArrayList<>();
    private final PriorityQueue<Candidate> queue;
    private final List<Pair> increased = new ArrayList<>();
    private int step;

    private BpeTrainer(Map<String, long[]> wordCounts) {
        words = new int[wordCounts.size()][];
        freq = new long[wordCounts.size()];
        visitedAt = new int[wordCounts.size()];
        Arrays.fill(visitedAt, -1);
        int w = 0;
        for (Map.Entry<String, long[]> e : wordCounts.entrySet()) {
            byte[] bytes = e.getKey().getBytes(StandardCharsets.UTF_8);
            int[] sym = new int[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                sym[i] = bytes[i] & 0xFF;
            }
            words[w] = sym;
            freq[w++] = e.getValue()[0];
        }
        for (int b = 0; b < 256; b++) {
            addToken(new byte[] {(byte) b});
        }
        Comparator<Candidate> order = Comparator.comparingLong(Candidate::count).reversed();
        queue = new PriorityQueue<>(order.thenComparing(Candidate::pair, this::compareBytes));
    }

    /** Trains on a single text. */
    public static BpeTokenizer train(String text, int vocabSize) {
        return train(List.of(text), vocabSize);
    }

    /**
     * Trains on {@code texts}, which are pre-tokenized independently (no pre-token spans two texts), iterating them
     * once.
     *
     * @param vocabSize total number of tokens wanted, including the 256 byte tokens; fewer result if the text runs
     *                  out of pairs to merge
     * @throws BadInputException if {@code vocabSize} is below 256
     */
    public static BpeTokenizer train(Iterable<String> texts, int vocabSize) {
        if (vocabSize < 256) {
            throw new BadInputException("BPE vocab size must be at least 256 (one token per byte), got " + vocabSize);
        }
        Map<String, long[]> wordCounts = new HashMap<>();
        for (String text : texts) {
            Matcher m = ByteLevel.PRETOKENIZE.matcher(text);
            while (m.find()) {
                wordCounts.computeIfAbsent(m.group(), k -> new long[1])[0]++;
            }
        }
        return new BpeTrainer(wordCounts).run(vocabSize);
    }

    private BpeTokenizer run(int vocabSize) {
        for (int w = 0; w < words.length; w++) {
            int[] sym = words[w];
            for (int i = 0; i + 1 < sym.length; i++) {
                Pair p = pair(sym[i], sym[i + 1]);
                p.count += freq[w];
                p.addWord(w);
            }
        }
        pairs.values().forEach(p -> queue.add(new Candidate(p.count, p)));
        while (tokenBytes.size() < vocabSize) {
            Pair best = pollBest();
            if (best == null) {
                break;
            }
            byte[] left = tokenBytes.get(best.left);
            byte[] right = tokenBytes.get(best.right);
            byte[] joined = Arrays.copyOf(left, left.length + right.length);
            System.arraycopy(right, 0, joined, left.length, right.length);
            int result = addToken(joined);
            merges.add(new int[] {best.left, best.right});
            applyMerge(best, result);
            step++;
        }
        String[] tokens = new String[tokenBytes.size()];
        for (int id = 0; id < tokens.length; id++) {
            tokens[id] = ByteLevel.toSymbols(tokenBytes.get(id));
        }
        return new BpeTokenizer(tokens, merges, false, false, List.of());
    }

    /** The pair with the highest current count, or null when nothing is left to merge. */
    private Pair pollBest() {
        Candidate c;
        while ((c = queue.poll()) != null) {
            Pair p = c.pair;
            if (p.count == c.count) {
                return p.count > 0 ? p : null;
            }
            // Counts only went down since this entry was queued (increases queue a fresh entry), so requeue it
            // at its true count; every pair thus always has an entry at or above its true count.
            if (p.count > 0) {
                queue.add(new Candidate(p.count, p));
            }
        }
        return null;
    }

    private void applyMerge(Pair best, int result) {
        for (int k = 0; k < best.size; k++) {
            int w = best.words[k];
            if (visitedAt[w] == step) {
                continue;
            }
            visitedAt[w] = step;
            int[] old = words[w];
            int[] merged = old.clone();
            int len = BpeTokenizer.mergeInPlace(merged, merged.length, best.left, best.right, result);
            if (len == old.length) {
                continue; // stale entry: an earlier merge already took this pair apart in this word
            }
            merged = Arrays.copyOf(merged, len);
            words[w] = merged;
            adjustCounts(w, old, merged);
        }
        best.words = new int[0];
        best.size = 0;
        for (Pair p : increased) {
            queue.add(new Candidate(p.count, p));
        }
        increased.clear();
    }

    /** Subtracts the pairs only in {@code old}, adds those only in {@code merged}, leaving shared ones alone. */
    private void adjustCounts(int w, int[] old, int[] merged) {
        long[] before = pairKeys(old);
        long[] after = pairKeys(merged);
        long f = freq[w];
        int i = 0;
        int j = 0;
        while (i < before.length || j < after.length) {
            if (j == after.length || (i < before.length && before[i] < after[j])) {
                pairs.get(before[i++]).count -= f;
            } else if (i == before.length || after[j] < before[i]) {
                long key = after[j++];
                Pair p = pair((int) (key >>> 32), (int) key);
                p.count += f;
                p.addWord(w);
                if (p.queuedAt != step) {
                    p.queuedAt = step;
                    increased.add(p);
                }
            } else {
                i++;
                j++;
            }
        }
    }

    private static long[] pairKeys(int[] sym) {
        long[] keys = new long[Math.max(0, sym.length - 1)];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = BpeTokenizer.pairKey(sym[i], sym[i + 1]);
        }
        Arrays.sort(keys);
        return keys;
    }

    private Pair pair(int left, int right) {
        return pairs.computeIfAbsent(BpeTokenizer.pairKey(left, right), k -> new Pair(left, right));
    }

    /** Two merges can spell the same bytes ("ab"+"c", "a"+"bc"); they share one id, as in Hugging Face's trainer. */
    private int addToken(byte[] bytes) {
        String symbols = ByteLevel.toSymbols(bytes);
        Integer existing = tokenIds.get(symbols);
        if (existing != null) {
            return existing;
        }
        tokenBytes.add(bytes);
        tokenIds.put(symbols, tokenBytes.size() - 1);
        return tokenBytes.size() - 1;
    }

    private int compareBytes(Pair a, Pair b) {
        int c = Arrays.compareUnsigned(tokenBytes.get(a.left), tokenBytes.get(b.left));
        return c != 0 ? c : Arrays.compareUnsigned(tokenBytes.get(a.right), tokenBytes.get(b.right));
    }
}
