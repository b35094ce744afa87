/**
 * Text in, token ids out: tokenizers, corpora and the shard files a training run reads.
 *
 * <h2>Tokenizers</h2>
 * A language model never sees characters, only integers from a fixed range {@code [0, vocabSize)}. A
 * {@link org.lmlab.data.Tokenizer} is the reversible map between the two, and the choice matters for the science:
 * it sets how many ids a given text costs (so how much text fits in a context window and how many tokens a training
 * budget buys) and what a model can and cannot see inside a token. Three kinds are provided, from least to most
 * compressed:
 * <ul>
 *   <li>{@link org.lmlab.data.ByteTokenizer} — the 256 UTF-8 byte values; needs no training and can encode anything;</li>
 *   <li>{@link org.lmlab.data.CharTokenizer} — one id per character of a training text, as in the classic char-level
 *       Shakespeare experiments;</li>
 *   <li>{@link org.lmlab.data.BpeTokenizer} — GPT-2's byte-level byte-pair encoding, learned by
 *       {@link org.lmlab.data.BpeTrainer} by repeatedly merging the most frequent adjacent pair of tokens. It keeps
 *       the byte tokenizer's ability to encode anything while spending two to four times fewer ids on English
 *       (the saving grows with the vocabulary).</li>
 * </ul>
 * Every tokenizer saves itself to a JSON file that {@link org.lmlab.data.Tokenizer#load(java.nio.file.Path)} reads
 * back, detecting the kind; BPE uses the Hugging Face {@code tokenizer.json} format, so tokenizers trained here work
 * with the {@code tokenizers} library and GPT-2's own file can be used here.
 *
 * <h2>Shards</h2>
 * Tokenizing is done once, ahead of training, into <em>shards</em>: files of uint16 token ids behind a 1 KiB header,
 * in the layout of Karpathy's llm.c ({@link org.lmlab.data.TokenShard} gives the exact format). A run memory-maps
 * them and reads random windows, so even a corpus larger than memory costs no start-up time, and the files can be
 * exchanged with llm.c and its Python scripts. {@link org.lmlab.data.Shards} writes a corpus into train and
 * validation shards; {@link org.lmlab.data.TokenShardWriter} is the low-level streaming writer.
 *
 * <h2>Corpora</h2>
 * Documents come in as {@code Iterable<String>}: from files, directories and JSON Lines via
 * {@link org.lmlab.data.TextSources} and {@link org.lmlab.data.JsonlText}, or from two corpora found on an ordinary
 * Linux machine with a JDK, so experiments need no downloads: Debian's fortunes ({@link org.lmlab.data.FortuneCorpus})
 * and the JDK's own library sources ({@link org.lmlab.data.JdkSourceCorpus}).
 *
 * <h2>Example</h2>
 * <pre>{@code
 * List<String> docs = FortuneCorpus.read();
 * BpeTokenizer tok = BpeTrainer.train(docs, 2048);
 * tok.save(dir.resolve("tokenizer.json"));
 * Shards.Result r = Shards.write(tok, docs, dir, "fortunes", new Shards.Options(-1, 0.05, 100_000_000));
 * TokenShard train = TokenShard.open(r.train().get(0));
 * int[] window = new int[257];
 * train.read(12_345, window, 0, window.length);   // inputs window[0..256), targets window[1..257)
 * String text = tok.decode(window);
 * }</pre>
 *
 * <h2>Errors</h2>
 * Anything wrong with a user's file — a truncated shard, a tokenizer file of the wrong kind, a malformed JSON line —
 * is reported as an {@link org.lmlab.config.BadInputException} whose one-line message names the file (and line or
 * offset where there is one) and what was expected, never as a raw I/O exception or stack trace.
 */
package org.lmlab.data;
