package org.lmlab.task;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.lmlab.config.BadInputException;
import org.lmlab.data.FortuneCorpus;
import org.lmlab.tensor.Rng;
import org.lmlab.tensor.Tensors;

/**
 * Domain-labelled text: each domain is one fortune category (Debian's {@code fortunes}: {@code computers},
 * {@code songs-poems}, …), tokenized as UTF-8 bytes (vocabulary 256). Every training batch comes from a single
 * domain — batch i from domain i mod D — so with D micro-batches per step each step sees every domain once, the
 * setting in which Qiu et al. 2025 ("Demons in the Detail", §4) contrast micro-batch and global-batch balancing.
 *
 * <p>Each topic's fortunes are shuffled by the seed and split into training and held-out text; a sequence is a
 * window of T+1 bytes at a seeded random offset (inputs the first T, targets the last T).
 */
public final class FortuneTopics implements Task, DomainLabelled {
    private final List<String> topics;
    private final int seqLen;
    private final long seed;
    private final byte[][] train;
    private final byte[][] heldOut;

    public FortuneTopics(Path dir, List<String> topics, int seqLen, double valFraction, long seed) {
        if (topics.size() < 2) {
            throw new BadInputException("task.domains: need at least 2 fortune topics, got " + topics);
        }
        this.topics = List.copyOf(topics);
        this.seqLen = seqLen;
        this.seed = seed;
        this.train = new byte[topics.size()][];
        this.heldOut = new byte[topics.size()][];
        for (int d = 0; d < topics.size(); d++) {
            List<String> fortunes = new ArrayList<>(FortuneCorpus.readTopic(dir, topics.get(d)));
            Collections.shuffle(fortunes, new Random(Rng.mix(seed, -10 - d)));
            int nVal = Math.max(1, (int) Math.round(valFraction * fortunes.size()));
            heldOut[d] = join(fortunes.subList(0, nVal));
            train[d] = join(fortunes.subList(nVal, fortunes.size()));
            if (heldOut[d].length <= seqLen + 1 || train[d].length <= seqLen + 1) {
                throw new BadInputException("task.domains: fortune topic '" + topics.get(d) + "' is too small for"
                        + " seq_len " + seqLen);
            }
        }
    }

    /** Eight sizeable, stylistically distinct topics of Debian's {@code fortunes}. */
    public static final List<String> DEFAULT_TOPICS = List.of("computers", "songs-poems", "definitions", "people",
            "science", "politics", "work", "law");

    private static byte[] join(List<String> fortunes) {
        return (String.join("\n%\n", fortunes) + "\n%\n").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public int vocabSize() {
        return 256;
    }

    @Override
    public int seqLen() {
        return seqLen;
    }

    /** The domain of training batch {@code index}. */
    public int domainOf(long index) {
        return (int) Math.floorMod(index, (long) topics.size());
    }

    @Override
    public Batch trainBatch(long index, int batchSize) {
        return windows(train[domainOf(index)], new Random(Rng.mix(seed, index)), batchSize);
    }

    @Override
    public List<Batch> evalBatches(int batchSize, int maxBatches) {
        List<Batch> out = new ArrayList<>();
        for (int i = 0; i < maxBatches; i++) {
            int d = i % topics.size();
            out.add(windows(heldOut[d], new Random(Rng.mix(seed, -1000 - i)), batchSize));
        }
        return out;
    }

    @Override
    public List<Batch> domainEvalBatches(int domain, int batchSize, int maxBatches) {
        List<Batch> out = new ArrayList<>();
        for (int i = 0; i < maxBatches; i++) {
            out.add(windows(heldOut[domain], new Random(Rng.mix(seed, -100_000 - 1000L * domain - i)), batchSize));
        }
        return out;
    }

    private Batch windows(byte[] text, Random r, int batchSize) {
        long[] in = new long[batchSize * seqLen];
        long[] tg = new long[batchSize * seqLen];
        for (int b = 0; b < batchSize; b++) {
            int start = r.nextInt(text.length - seqLen - 1);
            for (int t = 0; t < seqLen; t++) {
                in[b * seqLen + t] = text[start + t] & 0xff;
                tg[b * seqLen + t] = text[start + t + 1] & 0xff;
            }
        }
        return new Batch(Tensors.longs(in, batchSize, seqLen), Tensors.longs(tg, batchSize, seqLen));
    }

    @Override
    public List<String> domains() {
        return topics;
    }

    @Override
    public String describe() {
        return "fortune topics " + String.join(", ", topics) + " (bytes, T = " + seqLen
                + ", single-domain batches)";
    }
}
