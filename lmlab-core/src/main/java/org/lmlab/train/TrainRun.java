package org.lmlab.train;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Device;
import org.lmlab.config.Configs;
import org.lmlab.model.Decoder;
import org.lmlab.model.DecoderConfig;
import org.lmlab.optim.Optimizer;
import org.lmlab.run.AtomicFiles;
import org.lmlab.report.RunReport;
import org.lmlab.run.Json;
import org.lmlab.run.Provenance;
import org.lmlab.run.RunDir;
import org.lmlab.data.FortuneCorpus;
import org.lmlab.task.AssociativeRecall;
import org.lmlab.task.BigramBackcopy;
import org.lmlab.task.BigramDomains;
import org.lmlab.task.Corpora;
import org.lmlab.task.FlipFlop;
import org.lmlab.task.FortuneTopics;
import org.lmlab.task.MarkovLanguage;
import org.lmlab.task.IsTree;
import org.lmlab.task.SparseParity;
import org.lmlab.task.ModularAddition;
import org.lmlab.task.Parity;
import org.lmlab.task.Task;
import org.lmlab.task.TaskConfig;
import org.lmlab.tensor.BlasThreads;
import org.lmlab.tensor.NativeTuning;
import org.lmlab.tensor.Rng;
import org.lmlab.tensor.Torch;

/**
 * One training run from a {@link RunConfig}: creates (or reopens) the run directory, writes the resolved
 * {@code config.yaml} and {@code provenance.json}, builds task, model and optimizer from the seed, trains with a
 * progress line, and writes {@code summary.json}.
 */
public final class TrainRun {
    private TrainRun() {}

    /** The model and task a config describes, built deterministically from its seed. */
    public record Built(RunConfig config, Task task, Decoder model, Device device) {}

    public static Built build(RunConfig c, RunDir run, PrintStream log) {
        Torch.init();
        Rng.seed(c.seed());
        Task task = switch (c.task().kind()) {
            case MODULAR_ADDITION -> new ModularAddition(c.task().modulus(), c.task().trainFraction(), c.seed());
            case CORPUS -> Corpora.prepare(c.task(), run.resolve("data"), c.seed(), log);
            case MARKOV_LANGUAGE -> new MarkovLanguage(c.task().vocabSize(), c.task().order(), c.task().seqLen(),
                    c.task().alpha(), c.task().concentration(), c.task().seed() == -1 ? c.seed() : c.task().seed(),
                    c.seed());
            case BIGRAM_BACKCOPY -> BigramBackcopy.standard(c.task().seqLen(), c.seed());
            case FLIP_FLOP -> new FlipFlop(c.task().seqLen(), 0.8, c.seed());
            case PARITY -> new Parity(c.task().seqLen(), c.seed());
            case FORTUNE_TOPICS -> new FortuneTopics(fortuneDir(c.task().source()),
                    c.task().domains().isEmpty() ? FortuneTopics.DEFAULT_TOPICS : c.task().domains(),
                    c.task().seqLen(), c.task().valFraction(), c.seed());
            case BIGRAM_DOMAINS -> BigramDomains.standard(c.task().seqLen(), c.seed());
            case ASSOCIATIVE_RECALL -> new AssociativeRecall(c.task().recall(), c.seed());
            case SPARSE_PARITY -> new SparseParity(c.task().parity(), c.seed());
            case IS_TREE -> new IsTree(c.task().isTree(), c.seed());
        };
        DecoderConfig m = c.model().withVocabSize(task.vocabSize());
        if (task.binaryInput().enabled()) {
            m = m.withBinaryInput(task.binaryInput());
        }
        if (m.maxSeqLen() < task.seqLen()) {
            m = m.withMaxSeqLen(task.seqLen());
        }
        RunConfig resolved = c.withModel(m);
        Rng.seed(c.seed());
        Decoder model = new Decoder(m);
        Device device = new Device(c.device());
        model.to(c.dtype(), device);
        return new Built(resolved, task, model, device);
    }

    /** {@code fortunes} means Debian's directory; anything else is a directory of fortune files. */
    private static Path fortuneDir(String source) {
        return source.equals("fortunes") ? FortuneCorpus.DEFAULT_DIR : Path.of(source);
    }

    /** Trains {@code c} in {@code runsRoot/c.name()}; with {@code resume}, continues from the newest checkpoint. */
    public static TrainSummary execute(RunConfig c, Path runsRoot, boolean resume, PrintStream out, List<String> argv) {
        return prepare(c, runsRoot, resume, out, argv).train();
    }

    /**
     * A run ready to train: directory, config and provenance written, model, optimizer and trainer built. Preparing
     * draws the initial weights from libtorch's global generator, so prepare runs one at a time; training prepared
     * runs concurrently is safe (each step uses only its own tensors and its task's seeded batches).
     */
    public record Prepared(RunDir run, Built built, Trainer trainer) {
        /** Trains to the end and writes {@code summary.json} (also when the run diverges). */
        public TrainSummary train() {
            TrainSummary summary;
            try {
                summary = trainer.run();
            } catch (TrainingDivergedException e) {
                writeSummary(run, new TrainSummary("diverged", e.lastGoodStep(), 0, Double.NaN, null, 0, e.getMessage()));
                throw e;
            }
            writeSummary(run, summary);
            return summary;
        }
    }

    /** Creates (or, with {@code resume}, reopens) the run of {@code c} and builds everything; trains nothing. */
    public static Prepared prepare(RunConfig c, Path runsRoot, boolean resume, PrintStream out, List<String> argv) {
        // A fresh run refuses a directory with checkpoints (RunDir.create says so); --resume reopens it.
        RunDir run = resume && Files.isDirectory(runsRoot.resolve(c.name()))
                ? RunDir.open(runsRoot.resolve(c.name()))
                : create(runsRoot, c.name());
        Built b = build(c, run, out);
        Optimizer opt = b.config().optim().build(b.model().namedParameters(), c.seed());
        write(run, b.config(), argv);
        Trainer trainer = new Trainer(b.model(), b.task(), opt, b.config().optim().schedule(c.train().steps()),
                c.optim().lr(), c.train(), run, b.device());
        double flops = Flops.trainingFlopsPerToken(b.model(), b.task().seqLen());
        trainer.listen(new Progress(out, c.train().logEvery(), flops, Flops.peak()));
        if (resume) {
            trainer.resume();
            if (trainer.step() > 0) {
                out.println("resumed at step " + trainer.step());
            }
        }
        String warning = Torch.environmentWarning();
        if (warning != null) {
            out.println("warning: " + warning);
        }
        out.printf("run %s: %s; model %.2fM parameters (%d layers, d=%d); %s on %s, %d threads%n", run.dir(),
                b.task().describe(), b.model().parameterCount() / 1e6, b.config().model().nLayers(),
                b.config().model().dModel(), c.dtype().name().toLowerCase(), c.device(), Torch.threads());
        return new Prepared(run, b, trainer);
    }

    private static RunDir create(Path root, String name) {
        try {
            return RunDir.create(root, name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(RunDir run, RunConfig resolved, List<String> argv) {
        try {
            AtomicFiles.writeString(run.configFile(), Configs.toYaml(resolved));
            Map<String, String> extra = new LinkedHashMap<>();
            extra.put("libtorch", Torch.LIBTORCH_VERSION);
            extra.put("javacpp", Torch.JAVACPP_VERSION);
            extra.put("threads", String.valueOf(Torch.threads()));
            extra.put("openblas_core", BlasThreads.coreName());
            extra.put("native_settings", NativeTuning.applied().toString());
            extra.put("command", String.join(" ", argv));
            Json.writePretty(run.provenanceFile(), Provenance.collect(resolved.seed(), extra));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeSummary(RunDir run, TrainSummary s) {
        try {
            Json.writePretty(run.summaryFile(), s);
            RunReport.write(run);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
