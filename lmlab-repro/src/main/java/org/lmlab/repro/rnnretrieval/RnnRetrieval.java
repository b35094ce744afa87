package org.lmlab.repro.rnnretrieval;

import java.util.ArrayList;
import java.util.List;
import org.lmlab.model.DecoderConfig;
import org.lmlab.model.FeedForwardSpec;
import org.lmlab.model.MixerSpec;
import org.lmlab.nn.Mlp;
import org.lmlab.nn.Norm;
import org.lmlab.optim.OptimConfig;
import org.lmlab.optim.Schedule;
import org.lmlab.repro.ReproContext;
import org.lmlab.repro.Reproduction;
import org.lmlab.repro.SubRuns;
import org.lmlab.repro.Verdict;
import org.lmlab.task.AssociativeRecall;
import org.lmlab.task.RecallSpec;
import org.lmlab.task.RetrievalTool;
import org.lmlab.task.TaskConfig;
import org.lmlab.tensor.Dtype;
import org.lmlab.train.Evaluator;
import org.lmlab.train.RunConfig;
import org.lmlab.train.TrainConfig;

/**
 * {@code rnn-retrieval}: Wen, Dang and Lyu 2024, "RNNs are not Transformers (Yet): The Key Bottleneck on In-context
 * Retrieval", §4–5 — on multi-query associative recall a Transformer retrieves, an RNN with a state too small to
 * hold the context does not, and either one added attention layer (hybrid) or in-context retrieval augmentation
 * (a tool appends the pair the model asks for) closes the gap.
 *
 * <p>Models (d = 64, no feed-forward, N ∈ {8, 16, 32} in training, one N per batch, judged at N = 32): a 2-layer
 * Transformer (RoPE, a curriculum of N = 8 for the first 40% of training); GRU → attention hybrid (GRU state 16,
 * position-free attention); a retrieval-augmented GRU-16, evaluated closed-loop through {@link RetrievalTool};
 * plain GRUs with state 16, 32, 64, 128. AdamW 3e-3, batch 32, cosine to 10%.
 *
 * <p>Calibration (1 thread, seeds 1–5): the Transformer's escape from the "some value of the context" plateau
 * needs three things here. (1) Unpadded sequences: with every sequence left-padded to N = 32 it stayed at ~0.21
 * even on N = 8 alone ({@link org.lmlab.task.AssociativeRecall} now makes each batch as long as its N needs).
 * (2) The curriculum: without it, 0.10 at 600 steps. (3) RoPE rather than the brief's learned positions
 * initialized to sinusoids: those did not escape within 2,000 steps at batch 32 or 1,000 at batch 128 (N = 8 alone
 * at batch 128 escaped after ~500 steps), while RoPE reaches 1.00 at N = 32 by step 300–600. 600 steps left
 * seeds 3 and 4 at 0.96 (seeds 1, 2, 5 at 1.00), so quick trains 1,000 and full 2,000: 1.000 on every seed tried.
 * Plain GRUs at N = 32 (quick / full 1,500 steps): 0.03–0.08 / 0.08–0.11, the brief's plateau.
 */
public final class RnnRetrieval implements Reproduction {
    static final int[] GRU_STATES = {16, 32, 64, 128};
    /**
     * Init std of embeddings and projections, about PyTorch's default scale at d = 64: with lmlab's default 0.02
     * neither the hybrid (300 steps) nor the Transformer (600 steps) left the ~4–10% plateau; with 0.1 the hybrid
     * reached 100% by step 200. Still true with RoPE and unpadded batches: at 0.02 the Transformer sat at 0.10 for
     * 1,000 steps (seeds 1 and 3), at 0.1 it reaches 1.00.
     */
    static final double INIT_STD = 0.1;
    /** Transformer updates (the first 40% at N = 8), quick and full: 600 left two of five seeds at 0.96. */
    static final long TRANSFORMER_STEPS_QUICK = 1000;
    static final long TRANSFORMER_STEPS = 2000;

    @Override
    public String name() {
        return "rnn-retrieval";
    }

    @Override
    public String paper() {
        return "RNNs are not Transformers (Yet): The Key Bottleneck on In-context Retrieval";
    }

    /** A trained model's held-out accuracy at N = 32. */
    record Result(String model, int state, long parameters, double accuracy) {}

    @Override
    public Verdict run(ReproContext ctx) throws Exception {
        boolean quick = ctx.quick();
        List<Result> results = new ArrayList<>();
        long tSteps = quick ? TRANSFORMER_STEPS_QUICK : TRANSFORMER_STEPS;
        // The full run gives plain GRUs 1,500 steps so their plateau is not a short budget's artifact.
        long gSteps = quick ? 250 : 1500;
        results.add(train(ctx, "transformer", 0, attention(), false, tSteps, true));
        results.add(train(ctx, "hybrid", 16, MixerSpec.recurrent(MixerSpec.Kind.GRU, 16, 1), false, gSteps, false));
        results.add(train(ctx, "retrieval-gru", 16, MixerSpec.recurrent(MixerSpec.Kind.GRU, 16), true, gSteps / 2,
                false));
        for (int s : GRU_STATES) {
            results.add(train(ctx, "gru", s, MixerSpec.recurrent(MixerSpec.Kind.GRU, s), false, gSteps, false));
        }
        return RnnRetrievalVerdict.judge(ctx, results);
    }

    private static MixerSpec attention() {
        return MixerSpec.defaults();
    }

    private Result train(ReproContext ctx, String kind, int state, MixerSpec mixer, boolean retrieval, long steps,
            boolean curriculum) throws Exception {
        boolean transformer = mixer.kind() == MixerSpec.Kind.ATTENTION;
        boolean hybrid = !mixer.attentionLayers().isEmpty();
        int layers = transformer || hybrid ? 2 : 1;
        DecoderConfig model = new DecoderConfig(66, 64, 4, layers, 0, 128, Norm.Kind.RMSNORM, Mlp.Kind.GELU,
                transformer ? DecoderConfig.Position.ROPE : DecoderConfig.Position.NONE, 10000, false, false, 1e-5,
                INIT_STD, DecoderConfig.AttentionImpl.AUTO, null,
                new FeedForwardSpec(FeedForwardSpec.Kind.NONE, 1, 1, 0, 0, FeedForwardSpec.BalanceScope.GLOBAL, 0, 0),
                mixer);
        RecallSpec spec = RecallSpec.defaults().withRetrieval(retrieval);
        if (curriculum) {
            spec = spec.withCurriculum(8, (long) (0.4 * steps));
        }
        OptimConfig optim = new OptimConfig(OptimConfig.Kind.ADAMW, 3e-3, 0.9, 0.98, 1e-8, 0.0, 1.0,
                Schedule.Kind.COSINE, Math.max(1, steps / 20), 0.1, 0.2);
        TrainConfig train = new TrainConfig(steps, 32, 1, 0, 8, 0, 1, Math.max(1, steps / 4));
        String name = kind + (state > 0 ? "-" + state : "");
        RunConfig c = new RunConfig(name, ctx.seed(), "cpu", Dtype.FLOAT32, model, optim,
                TaskConfig.associativeRecall(spec), train);
        ctx.log("training %s (%d steps)", name, steps);
        SubRuns.Trained t = SubRuns.train(ctx, c);
        AssociativeRecall task = (AssociativeRecall) t.built().task();
        double acc = retrieval
                ? RetrievalTool.evaluate(t.built().model(), task, 256, 64, t.built().device())
                : Evaluator.evaluate(t.built().model(), task, 64, 4, t.built().device()).accuracy();
        ctx.log("%s: accuracy at N = 32: %.3f", name, acc);
        return new Result(kind, state, t.built().model().parameterCount(), acc);
    }
}
