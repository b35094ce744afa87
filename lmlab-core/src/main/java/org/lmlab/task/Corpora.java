package org.lmlab.task;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.lmlab.config.BadInputException;
import org.lmlab.data.BpeTrainer;
import org.lmlab.data.ByteTokenizer;
import org.lmlab.data.CharTokenizer;
import org.lmlab.data.FortuneCorpus;
import org.lmlab.data.JdkSourceCorpus;
import org.lmlab.data.Shards;
import org.lmlab.data.TextSources;
import org.lmlab.data.TokenShard;
import org.lmlab.data.Tokenizer;

/**
 * Turns a corpus {@link TaskConfig} into a ready {@link CorpusTask}: reads the documents, trains the tokenizer,
 * writes train/val shards into the run's {@code data/} directory — once. A resumed run (or a second call) finds
 * {@code tokenizer.json} and the shards there and reuses them, so the token stream never changes under a run.
 */
public final class Corpora {
    private static final String PREFIX = "corpus";

    private Corpora() {}

    public static CorpusTask prepare(TaskConfig c, Path dataDir, long seed, PrintStream log) {
        Path tokFile = dataDir.resolve("tokenizer.json");
        List<Path> train = Files.isRegularFile(tokFile) ? Shards.list(dataDir, PREFIX, Shards.TRAIN) : List.of();
        if (train.isEmpty()) {
            build(c, dataDir, tokFile, log);
            train = Shards.list(dataDir, PREFIX, Shards.TRAIN);
        }
        Tokenizer tok = Tokenizer.load(tokFile);
        List<Path> val = Shards.list(dataDir, PREFIX, Shards.VAL);
        return new CorpusTask(TokenShard.open(train.get(0)), val.isEmpty() ? null : TokenShard.open(val.get(0)),
                c.seqLen(), tok.vocabSize(), seed);
    }

    /** The tokenizer a prepared run uses (for sampling and evaluation). */
    public static Tokenizer tokenizer(Path dataDir) {
        return Tokenizer.load(dataDir.resolve("tokenizer.json"));
    }

    private static void build(TaskConfig c, Path dataDir, Path tokFile, PrintStream log) {
        List<String> docs = documents(c, log);
        long bytes = docs.stream().mapToLong(String::length).sum();
        long t0 = System.nanoTime();
        Tokenizer tok = switch (c.tokenizer()) {
            case BYTE -> new ByteTokenizer();
            case CHAR -> CharTokenizer.fit(String.join("", docs));
            case BPE -> BpeTrainer.train(docs, c.vocabSize());
        };
        try {
            Files.createDirectories(dataDir);
        } catch (java.io.IOException e) {
            throw new BadInputException("cannot create " + dataDir + ": " + e.getMessage());
        }
        tok.save(tokFile);
        Shards.Result r = Shards.write(tok, docs, dataDir, PREFIX,
                new Shards.Options(-1, c.valFraction(), 100_000_000L));
        log.printf("data: %d documents, %.1f MB of text; %s tokenizer (vocab %d) in %.1fs; %d train / %d val tokens%n",
                docs.size(), bytes / 1e6, tok.kind(), tok.vocabSize(), (System.nanoTime() - t0) / 1e9,
                r.trainTokens(), r.valTokens());
        if (c.source().equals("fortunes") && bytes < 1_000_000) {
            // fortunes-min alone: the demo's model memorizes it (val loss 3.7 at step 200, 4.5 at step 500).
            log.printf("note: only %.1f MB of fortunes; `apt-get install fortunes` adds the full 2.5 MB set%n",
                    bytes / 1e6);
        }
    }

    private static List<String> documents(TaskConfig c, PrintStream log) {
        long cap = c.maxBytes() > 0 ? c.maxBytes() : Long.MAX_VALUE;
        List<String> docs;
        if (c.source().equals("fortunes")) {
            if (Files.isDirectory(FortuneCorpus.DEFAULT_DIR)) {
                docs = FortuneCorpus.read();
            } else {
                log.println("data: " + FortuneCorpus.DEFAULT_DIR + " not found (apt-get install fortunes); "
                        + "using the JDK's own sources instead");
                docs = JdkSourceCorpus.read(Math.min(cap, 3_000_000L));
            }
        } else if (c.source().equals("jdk-src")) {
            docs = JdkSourceCorpus.read(Math.min(cap, 3_000_000L));
        } else {
            Path p = Path.of(c.source());
            if (!Files.exists(p)) {
                throw new BadInputException("task.source: '" + c.source()
                        + "' is neither fortunes, jdk-src nor an existing file or directory");
            }
            docs = new ArrayList<>();
            TextSources.read(p).forEach(docs::add);
        }
        List<String> capped = new ArrayList<>();
        long total = 0;
        for (String d : docs) {
            if (total >= cap) {
                break;
            }
            capped.add(d);
            total += d.length();
        }
        if (capped.isEmpty()) {
            throw new BadInputException("task.source: '" + c.source() + "' holds no text");
        }
        return capped;
    }
}
