package org.lmlab.data;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.lmlab.config.BadInputException;

/**
 * Tokenizes documents into train and validation shards named {@code <prefix>_train_000000.bin},
 * {@code <prefix>_train_000001.bin}, ..., {@code <prefix>_val_000000.bin}, ... (the llm.c naming, with a counter per
 * split).
 *
 * <p>Document {@code i} (0-based, in iteration order) goes to validation when
 * {@code floor((i + 1) * valFraction) > floor(i * valFraction)}: exactly {@code floor(n * valFraction)} of n
 * documents, spread evenly through the corpus rather than taken from its end, so a corpus sorted by topic (fortune
 * files by category, source files by package) still gets a representative validation set, and the same input
 * always gives the same split. A corpus that is a single document therefore has no validation shard; split it into
 * documents first.
 *
 * <p>If a separator id is given it is written before every document, as llm.c's data scripts put
 * {@code <|endoftext|>} in front of each document, so the model sees where one text ends and the next begins.
 * A shard is closed when it reaches {@code maxShardTokens}; documents may continue in the next shard.
 */
public final class Shards {
    /** The split names used in file names. */
    public static final String TRAIN = "train";
    /** The split names used in file names. */
    public static final String VAL = "val";

    /**
     * How to shard.
     *
     * @param separatorId    token written before each document, in {@code [0, 65536)}, or -1 for none. It may lie
     *                       outside the tokenizer's vocabulary when the model reserves an extra id for it.
     * @param valFraction    share of documents for validation, in {@code [0, 1)}
     * @param maxShardTokens tokens per shard before starting the next file (llm.c uses 100,000,000)
     */
    public record Options(int separatorId, double valFraction, long maxShardTokens) {
        public Options {
            if (separatorId < -1 || separatorId > 0xFFFF) {
                throw new BadInputException("shard separator id must be -1 (none) or in [0, 65536), got "
                        + separatorId);
            }
            if (!(valFraction >= 0 && valFraction < 1)) {
                throw new BadInputException("validation fraction must be in [0, 1), got " + valFraction);
            }
            if (maxShardTokens < 1 || maxShardTokens > Integer.MAX_VALUE) {
                throw new BadInputException("tokens per shard must be in [1, " + Integer.MAX_VALUE + "], got "
                        + maxShardTokens);
            }
        }

        /** No separator, 10% validation, 100M tokens per shard. */
        public static Options defaults() {
            return new Options(-1, 0.1, 100_000_000L);
        }
    }

    /**
     * What {@link #write} produced.
     *
     * @param train       the train shard files, in order
     * @param val         the validation shard files, in order (empty if no document went to validation)
     * @param trainTokens tokens in the train shards, separators included
     * @param valTokens   tokens in the validation shards, separators included
     * @param documents   documents read
     */
    public record Result(List<Path> train, List<Path> val, long trainTokens, long valTokens, long documents) {
    }

    private Shards() {
    }

    /**
     * Encodes {@code docs} with {@code tokenizer} into shards in {@code dir} (created if needed), iterating
     * {@code docs} once. Shard files of the same prefix and split left over from an earlier, larger run are
     * deleted afterwards, so listing the directory never mixes two runs. Each shard appears atomically.
     *
     * @throws BadInputException if the tokenizer produces ids the uint16 format cannot hold, or on I/O failure
     */
    public static Result write(Tokenizer tokenizer, Iterable<String> docs, Path dir, String prefix,
                               Options options) {
        if (tokenizer.vocabSize() > 0x10000) {
            throw new BadInputException("a " + tokenizer.kind() + " tokenizer with " + tokenizer.vocabSize()
                    + " tokens cannot be written to uint16 shards (at most 65536)");
        }
        if (prefix.isEmpty() || prefix.contains("/") || prefix.contains("\\")) {
            throw new BadInputException("shard prefix must be a non-empty file name part, got \"" + prefix + "\"");
        }
        try (Split train = new Split(dir, prefix, TRAIN, options.maxShardTokens());
             Split val = new Split(dir, prefix, VAL, options.maxShardTokens())) {
            long i = 0;
            double f = options.valFraction();
            for (String doc : docs) {
                boolean toVal = Math.floor((i + 1) * f) > Math.floor(i * f);
                Split split = toVal ? val : train;
                if (options.separatorId() >= 0) {
                    split.write(new int[] {options.separatorId()});
                }
                split.write(tokenizer.encode(doc));
                i++;
            }
            train.finish();
            val.finish();
            return new Result(train.files, val.files, train.tokens, val.tokens, i);
        }
    }

    /** The existing shard files of {@code split} ("train" or "val") with {@code prefix} in {@code dir}, in order. */
    public static List<Path> list(Path dir, String prefix, String split) {
        Pattern name = Pattern.compile(Pattern.quote(prefix + "_" + split + "_") + "\\d{6,}\\.bin");
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path p : files) {
                if (name.matcher(p.getFileName().toString()).matches()) {
                    out.add(p);
                }
            }
        } catch (IOException e) {
            throw new BadInputException("cannot list shard directory " + dir + ": " + AtomicFile.describe(e), e);
        }
        // Zero-padded counters sort correctly as strings up to a million shards; compare by length first beyond.
        out.sort((a, b) -> {
            String x = a.getFileName().toString();
            String y = b.getFileName().toString();
            return x.length() != y.length() ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
        });
        return out;
    }

    /** Shard file {@code index} of a split. */
    public static Path shardPath(Path dir, String prefix, String split, int index) {
        return dir.resolve(String.format("%s_%s_%06d.bin", prefix, split, index));
    }

    /** The rolling writer of one split. */
    private static final class Split implements AutoCloseable {
        final Path dir;
        final String prefix;
        final String name;
        final long maxTokens;
        final List<Path> files = new ArrayList<>();
        TokenShardWriter current;
        long tokens;

        Split(Path dir, String prefix, String name, long maxTokens) {
            this.dir = dir;
            this.prefix = prefix;
            this.name = name;
            this.maxTokens = maxTokens;
        }

        void write(int[] ids) {
            int off = 0;
            while (off < ids.length) {
                if (current == null) {
                    Path file = shardPath(dir, prefix, name, files.size());
                    current = TokenShardWriter.create(file);
                    files.add(file);
                }
                int n = (int) Math.min(ids.length - off, maxTokens - current.count());
                current.write(ids, off, n);
                off += n;
                tokens += n;
                if (current.count() == maxTokens) {
                    closeCurrent();
                }
            }
        }

        void finish() {
            if (current != null) {
                closeCurrent();
            }
            for (Path stale : list(dir, prefix, name)) {
                if (files.stream().noneMatch(f -> f.getFileName().equals(stale.getFileName()))) {
                    try {
                        Files.delete(stale);
                    } catch (IOException e) {
                        throw new BadInputException("cannot delete stale shard " + stale + ": "
                                + AtomicFile.describe(e), e);
                    }
                }
            }
        }

        private void closeCurrent() {
            try (TokenShardWriter w = current) {
                current = null;
                w.finish();
            }
        }

        @Override
        public void close() {
            if (current != null) {
                current.close();
            }
        }
    }
}
