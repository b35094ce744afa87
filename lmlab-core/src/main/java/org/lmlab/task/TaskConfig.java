package org.lmlab.task;

import java.util.List;
import org.lmlab.config.Doc;

/**
 * What to train on (config section {@code task}).
 */
public record TaskConfig(
        @Doc("modular-addition, corpus, markov-language, bigram-backcopy (64 tokens + BOS, 4 " +
                "triggers), flip-flop (p_ignore 0.8), parity, fortune-topics, bigram-domains, " +
                "associative-recall, sparse-parity or is-tree")
        Kind kind,
        @Doc("sequence length T of corpus windows (synthetic tasks fix their own)")
        int seqLen,
        @Doc("p of modular addition")
        int modulus,
        @Doc("share of the p² pairs used for training (the rest is held out)")
        double trainFraction,
        @Doc("corpus text: fortunes (Debian's fortunes), jdk-src (the JDK's own sources), or a path to " +
                "a text file, a directory of text files, or a .jsonl file with a text field")
        String source,
        @Doc("byte, char or bpe")
        TokenizerKind tokenizer,
        @Doc("BPE vocabulary size (byte: 256; char: from the text); the alphabet of markov-language")
        int vocabSize,
        @Doc("share of documents held out for validation")
        double valFraction,
        @Doc("cap on corpus text read (0 = no cap)")
        long maxBytes,
        @Doc("Dirichlet concentration of markov-language's next-token distributions (small = sparse)")
        double alpha,
        @Doc("order k of markov-language: the k preceding tokens set the next one's distribution")
        int order,
        @Doc("markov-language rows: 0 = independent Dirichlet(alpha) per context; c > 0 = hierarchical, each " +
                "context's row ~ Dirichlet(c * its one-token-shorter context's row), as text n-grams")
        double concentration,
        @Doc("seed of markov-language's draw (its rows and held-out set); -1 = the run's seed. Set it to train " +
                "replicates on one language: the run's seed then sets only the init and the training stream")
        long seed,
        @Doc("fortune topics of the fortune-topics task (empty = FortuneTopics.DEFAULT_TOPICS)")
        List<String> domains,
        @Doc("the associative-recall task")
        RecallSpec recall,
        @Doc("the in-context sparse-parity task")
        ParitySpec parity,
        @Doc("the IsTree graph task")
        IsTreeSpec isTree) {

    /** Task kinds (config value {@code task.kind}). */
    public enum Kind { MODULAR_ADDITION, CORPUS, MARKOV_LANGUAGE, BIGRAM_BACKCOPY, FLIP_FLOP, PARITY, FORTUNE_TOPICS,
        BIGRAM_DOMAINS, ASSOCIATIVE_RECALL, SPARSE_PARITY, IS_TREE }

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
        if (order < 1) {
            throw new IllegalArgumentException("order must be >= 1");
        }
        if (!(concentration >= 0)) {
            throw new IllegalArgumentException("concentration must be >= 0");
        }
        if (seed < -1) {
            throw new IllegalArgumentException("seed must be >= 0, or -1 for the run's seed");
        }
        if (seed != -1 && kind != Kind.MARKOV_LANGUAGE) {
            throw new IllegalArgumentException("seed is supported by markov-language only (leave it at -1)");
        }
        domains = domains == null ? List.of() : List.copyOf(domains);
        recall = recall == null ? RecallSpec.defaults() : recall;
        parity = parity == null ? ParitySpec.defaults() : parity;
        isTree = isTree == null ? IsTreeSpec.defaults() : isTree;
    }

    public static TaskConfig defaults() {
        return new TaskConfig(Kind.CORPUS, 128, 97, 0.5, "fortunes", TokenizerKind.BPE, 512, 0.05, 0, 0.1, 2, 0, -1,
                List.of(), RecallSpec.defaults(), ParitySpec.defaults(), IsTreeSpec.defaults());
    }

    /** The fortune-topics task over {@code domains} (empty = the default eight) with windows of {@code seqLen}. */
    public static TaskConfig fortuneTopics(int seqLen, List<String> domains) {
        TaskConfig d = defaults();
        return new TaskConfig(Kind.FORTUNE_TOPICS, seqLen, d.modulus(), d.trainFraction(), "fortunes", d.tokenizer(),
                d.vocabSize(), 0.1, 0, d.alpha(), d.order(), d.concentration(), -1, domains, d.recall(), d.parity(),
                d.isTree());
    }

    /** Eight synthetic bigram domains ({@link BigramDomains#standard}) with sequences of {@code seqLen}. */
    public static TaskConfig bigramDomains(int seqLen) {
        TaskConfig d = defaults();
        return new TaskConfig(Kind.BIGRAM_DOMAINS, seqLen, d.modulus(), d.trainFraction(), d.source(), d.tokenizer(),
                d.vocabSize(), d.valFraction(), 0, d.alpha(), d.order(), d.concentration(), -1, List.of(), d.recall(),
                d.parity(), d.isTree());
    }

    /** The associative-recall task of {@code spec}. */
    public static TaskConfig associativeRecall(RecallSpec spec) {
        TaskConfig d = defaults();
        return new TaskConfig(Kind.ASSOCIATIVE_RECALL, d.seqLen(), d.modulus(), d.trainFraction(), d.source(),
                d.tokenizer(), d.vocabSize(), d.valFraction(), 0, d.alpha(), d.order(), d.concentration(), -1, List.of(),
                spec, d.parity(), d.isTree());
    }

    /** The in-context sparse-parity task of {@code spec}. */
    public static TaskConfig sparseParity(ParitySpec spec) {
        TaskConfig d = defaults();
        return new TaskConfig(Kind.SPARSE_PARITY, d.seqLen(), d.modulus(), d.trainFraction(), d.source(),
                d.tokenizer(), d.vocabSize(), d.valFraction(), 0, d.alpha(), d.order(), d.concentration(), -1, List.of(),
                d.recall(), spec, d.isTree());
    }
}
