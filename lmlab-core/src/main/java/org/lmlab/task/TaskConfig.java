package org.lmlab.task;

import java.util.List;

/**
 * What to train on (config section {@code task}).
 *
 * @param kind modular-addition, corpus, markov-language, fortune-topics, bigram-domains, associative-recall or
 *     sparse-parity
 * @param seqLen sequence length T of corpus windows (synthetic tasks fix their own)
 * @param modulus p of modular addition
 * @param trainFraction share of the p² pairs used for training (the rest is held out)
 * @param source corpus text: {@code fortunes} (Debian's fortunes), {@code jdk-src} (the JDK's own sources), or a
 *     path to a text file, a directory of text files, or a .jsonl file with a {@code text} field
 * @param tokenizer byte, char or bpe
 * @param vocabSize BPE vocabulary size (byte: 256; char: from the text); the alphabet of markov-language
 * @param valFraction share of documents held out for validation
 * @param maxBytes cap on corpus text read (0 = no cap)
 * @param alpha Dirichlet concentration of markov-language's next-token distributions (small = sparse)
 * @param domains fortune topics of the fortune-topics task (empty = {@link FortuneTopics#DEFAULT_TOPICS})
 * @param recall the associative-recall task ({@link RecallSpec})
 * @param parity the in-context sparse-parity task ({@link ParitySpec})
 */
public record TaskConfig(
        Kind kind,
        int seqLen,
        int modulus,
        double trainFraction,
        String source,
        TokenizerKind tokenizer,
        int vocabSize,
        double valFraction,
        long maxBytes,
        double alpha,
        List<String> domains,
        RecallSpec recall,
        ParitySpec parity) {

    /** Task kinds (config value {@code task.kind}). */
    public enum Kind { MODULAR_ADDITION, CORPUS, MARKOV_LANGUAGE, FORTUNE_TOPICS, BIGRAM_DOMAINS, ASSOCIATIVE_RECALL,
        SPARSE_PARITY }

    /** Tokenizer kinds (config value {@code task.tokenizer}). */
    public enum TokenizerKind { BYTE, CHAR, BPE }

    public TaskConfig {
        if (seqLen <= 0 || modulus < 2 || vocabSize <= 0) {
            throw new IllegalArgumentException("seq_len and vocab_size must be > 0 and modulus >= 2");
        }
        if (!(trainFraction > 0 && trainFraction <= 1) || !(valFraction >= 0 && valFraction < 1)) {
            throw new IllegalArgumentException("train_fraction must be in (0, 1] and val_fraction in [0, 1)");
        }
        if (!(alpha > 0)) {
            throw new IllegalArgumentException("alpha must be > 0");
        }
        domains = domains == null ? List.of() : List.copyOf(domains);
        recall = recall == null ? RecallSpec.defaults() : recall;
        parity = parity == null ? ParitySpec.defaults() : parity;
    }

    public static TaskConfig defaults() {
        return new TaskConfig(Kind.CORPUS, 128, 97, 0.5, "fortunes", TokenizerKind.BPE, 512, 0.05, 0, 0.1,
                List.of(), RecallSpec.defaults(), ParitySpec.defaults());
    }

    /** The fortune-topics task over {@code domains} (empty = the default eight) with windows of {@code seqLen}. */
    public static TaskConfig fortuneTopics(int seqLen, List<String> domains) {
        TaskConfig d = defaults();
        return new TaskConfig(Kind.FORTUNE_TOPICS, seqLen, d.modulus(), d.trainFraction(), "fortunes", d.tokenizer(),
                d.vocabSize(), 0.1, 0, d.alpha(), domains, d.recall(), d.parity());
    }

    /** Eight synthetic bigram domains ({@link BigramDomains#standard}) with sequences of {@code seqLen}. */
    public static TaskConfig bigramDomains(int seqLen) {
        TaskConfig d = defaults();
        return new TaskConfig(Kind.BIGRAM_DOMAINS, seqLen, d.modulus(), d.trainFraction(), d.source(), d.tokenizer(),
                d.vocabSize(), d.valFraction(), 0, d.alpha(), List.of(), d.recall(), d.parity());
    }

    /** The associative-recall task of {@code spec}. */
    public static TaskConfig associativeRecall(RecallSpec spec) {
        TaskConfig d = defaults();
        return new TaskConfig(Kind.ASSOCIATIVE_RECALL, d.seqLen(), d.modulus(), d.trainFraction(), d.source(),
                d.tokenizer(), d.vocabSize(), d.valFraction(), 0, d.alpha(), List.of(), spec, d.parity());
    }

    /** The in-context sparse-parity task of {@code spec}. */
    public static TaskConfig sparseParity(ParitySpec spec) {
        TaskConfig d = defaults();
        return new TaskConfig(Kind.SPARSE_PARITY, d.seqLen(), d.modulus(), d.trainFraction(), d.source(),
                d.tokenizer(), d.vocabSize(), d.valFraction(), 0, d.alpha(), List.of(), d.recall(), spec);
    }
}
