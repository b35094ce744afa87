package org.lmlab.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.lmlab.data.Tokenizer;
import org.lmlab.model.Sampler;
import org.lmlab.task.Corpora;
import org.lmlab.train.TrainRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "sample", description = "Generate text from a trained corpus run.")
final class SampleCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "Run directory.")
    Path run;

    @Option(names = "--prompt", defaultValue = "The ", description = "Prompt text (default: '${DEFAULT-VALUE}').")
    String prompt;

    @Option(names = "--tokens", defaultValue = "120", description = "Tokens to generate.")
    int tokens;

    @Option(names = "--temperature", defaultValue = "0.8")
    double temperature;

    @Option(names = "--top-k", defaultValue = "40")
    int topK;

    @Option(names = "--samples", defaultValue = "3")
    int samples;

    @Option(names = "--seed", defaultValue = "0")
    long seed;

    @Override
    public Integer call() {
        TrainRun.Built b = RunLoader.load(run, System.out);
        System.out.println(sample(b, run, prompt, tokens, temperature, topK, samples, seed));
        return 0;
    }

    static String sample(TrainRun.Built b, Path run, String prompt, int tokens, double temperature, int topK,
            int samples, long seed) {
        Tokenizer tok = Corpora.tokenizer(run.resolve("data"));
        long[] ids = Arrays.stream(tok.encode(prompt)).asLongStream().toArray();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < samples; i++) {
            long[] seq = Sampler.generate(b.model(), ids, tokens, temperature, topK, seed + i, b.device());
            out.append("--- sample ").append(i + 1).append(" ---\n")
                    .append(tok.decode(Arrays.stream(seq).mapToInt(x -> (int) x).toArray())).append('\n');
        }
        return out.toString();
    }
}
