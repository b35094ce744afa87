package org.lmlab.repro.taskgeneralization;

import java.util.ArrayList;
import java.util.Arrays;
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
import org.lmlab.repro.Arms;
import org.lmlab.repro.Verdict;
import org.lmlab.task.ParityEvaluator;
import org.lmlab.task.ParitySpec;
import org.lmlab.task.SparseParity;
import org.lmlab.task.TaskConfig;
import org.lmlab.tensor.Dtype;
import org.lmlab.train.RunConfig;
import org.lmlab.train.TrainConfig;

/**
 * {@code task-generalization}: Abedsoltan, Zhang, Wen et al. 2025, "Task Generalization with AutoRegressive
 * Compositional Structure: Can Learning from D Tasks Generalize to D^T Tasks?", §4 — trained on a subset of the
 * C(d, k) sparse-parity secrets, a Transformer with chain of thought solves the held-out secrets too, because each
 * CoT step is one of d shared subtasks ("find the index i with c_j = c_{j−1} ⊕ x_i in the examples, then XOR x_i");
 * without chain of thought it does not.
 *
 * <p>Setup ({@link #SETUP}): in-context Parity(10, 3) (120 tasks, the paper's k = 3 regime) with x as ONE
 * binary-coded token per example, embedded as W·(2x − 1) ({@code task.parity.vector_input}), then c_1 … c_k as
 * tokens; the head predicts only the answer ids ({@code DecoderConfig.outputVocab()}); a 3-layer decoder (d = 64)
 * with learned absolute positions, as the paper's GPT-2; AdamW 2e-3; training splits cover every index in every role
 * ({@link org.lmlab.task.ParitySplit}). Runs, two at a time ({@link Arms}): chain of thought with each training-task
 * count of the growth curve, and no chain of thought with the largest. Scored: the query with the model's own CoT,
 * each step reported ({@link ParityEvaluator}); the criteria read the last step, the parity.
 *
 * <p>Calibration (docs/papers/task-generalization.md has the tables). Parity(8, 2) and Parity(10, 2) never compose:
 * c_1 (one index found in context) generalizes, and the second index is found only among the first one's training
 * partners (held-out teacher-forced accuracy stops at 0.74 = c_1 right, c_2 a coin) in every layout, width, depth and
 * learning rate tried. Parity(10, 3) composes: on seed 1 (60 tasks, 4,000 steps) held-out loss falls to the solved
 * level with the training loss (0.13 against 0.09); on seed 2 held-out c_2 is 0.98 but c_3 0.61.
 *
 * <p>Status: the row FAILS — whether the model finds the generic search for the last step or memorizes it (given
 * s_1, s_2, the 60 training triples nearly fix s_3) depends on the seed. Seeds 2 and 3 memorized under weight decay
 * 0.1, a 4th layer, d_ff 256, lr 3e-3 and per-step answer tokens; 90 training tasks removed the train/held-out gap
 * but stalled at the partial level. The no-CoT control (chance, 0.46–0.50) and the growth direction hold. Longer
 * training ends it: with an 8,000-step schedule seeds 2 and 3 first memorize, then reach the solved held-out loss
 * (0.16–0.19) between steps 3,000 and 5,000 — the next step is fitting such a budget in the row.
 */
public final class TaskGeneralization implements Reproduction {
    /**
     * The calibrated setup: Parity({@code bits}, {@code secretSize}), {@code examples} per sequence (the last is
     * the query), the growth curve's training-task counts (the last is the main comparison), steps and batch.
     */
    record Setup(int bits, int secretSize, int examples, int[] taskCounts, long quickSteps, long fullSteps, int batch) {
        int mainTasks() {
            return taskCounts[taskCounts.length - 1];
        }

        int totalTasks() {
            return org.lmlab.task.ParitySplit.allSecrets(bits, secretSize).size();
        }
    }

    // ~0.16 s per step at 80 tokens × 64 sequences, one thread per run, two runs at a time: quick ~11 min wall,
    // full ~15 min (the row's budget is ~20). Seed 1's held-out loss reached the solved level by step ~1,500.
    static final Setup SETUP = new Setup(10, 3, 20, new int[] {15, 30, 60}, 2000, 3000, 64);

    @Override
    public String name() {
        return "task-generalization";
    }

    @Override
    public String paper() {
        return "Task Generalization with AutoRegressive Compositional Structure (sparse parity, chain of thought)";
    }

    /** Queries scored per split. */
    private static final int QUERIES = 512;

    /** One trained configuration: training-task and held-out-task query accuracy, step by step. */
    record Result(int trainTasks, boolean cot, ParityEvaluator.Accuracy train, ParityEvaluator.Accuracy heldOut,
            boolean fullCoverage) {
        double trainAccuracy() {
            return train.answer();
        }

        double heldOutAccuracy() {
            return heldOut.answer();
        }
    }

    @Override
    public Verdict run(ReproContext ctx) throws Exception {
        long steps = ctx.quick() ? SETUP.quickSteps() : SETUP.fullSteps();
        List<RunConfig> configs = new ArrayList<>();
        for (int n : SETUP.taskCounts()) {
            configs.add(config(ctx, n, true, steps));
        }
        configs.add(config(ctx, SETUP.mainTasks(), false, steps));
        List<Result> results = new ArrayList<>();
        for (Arms.Trained t : Arms.train(ctx, configs)) {
            results.add(score(ctx, t));
        }
        return TaskGeneralizationVerdict.judge(ctx, SETUP, results);
    }

    private static RunConfig config(ReproContext ctx, int trainTasks, boolean cot, long steps) {
        ParitySpec spec = new ParitySpec(SETUP.bits(), SETUP.secretSize(), trainTasks, SETUP.examples(), cot, true);
        // Learned absolute positions, as the paper's GPT-2: every slot of an example (x, c_1, …, c_k) is told apart
        // by position alone. Init 0.1, not 0.02: at 0.02 the calibration runs sat at the task-marginal loss longer.
        DecoderConfig model = new DecoderConfig(3, 64, 4, 3, 128, 128, Norm.Kind.RMSNORM, Mlp.Kind.SWIGLU,
                DecoderConfig.Position.LEARNED, 10000, false, false, 1e-5, 0.1, DecoderConfig.AttentionImpl.AUTO, null,
                FeedForwardSpec.defaults(), MixerSpec.defaults());
        OptimConfig optim = new OptimConfig(OptimConfig.Kind.ADAMW, 2e-3, 0.9, 0.98, 1e-8, 0.0, 1.0,
                Schedule.Kind.COSINE, Math.max(1, steps / 12), 0.1, 0.2);
        TrainConfig train = new TrainConfig(steps, SETUP.batch(), 1, 0, 8, 0, 1, Math.max(1, steps / 4));
        String name = (cot ? "cot" : "no-cot") + "-tasks" + trainTasks;
        return new RunConfig(name, ctx.seed(), "cpu", Dtype.FLOAT32, model, optim, TaskConfig.sparseParity(spec),
                train);
    }

    private static Result score(ReproContext ctx, Arms.Trained t) {
        SparseParity task = (SparseParity) t.built().task();
        ParityEvaluator.Accuracy train = ParityEvaluator.accuracy(t.built().model(), task, task.split().train(),
                QUERIES, 128, ctx.seed(), t.built().device());
        ParityEvaluator.Accuracy held = ParityEvaluator.accuracy(t.built().model(), task, task.split().heldOut(),
                QUERIES, 128, ctx.seed() + 1, t.built().device());
        ctx.log("%s: query accuracy on training tasks %.3f, held-out tasks %.3f (per step %s / %s; split covers"
                + " every role: %s)", t.name(), train.answer(), held.answer(), Arrays.toString(train.perStep()),
                Arrays.toString(held.perStep()), task.split().fullCoverage());
        return new Result(task.split().train().size(), task.spec().chainOfThought(), train, held,
                task.split().fullCoverage());
    }
}
