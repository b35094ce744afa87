package org.lmlab.repro.taskgeneralization;

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
 * <p>Setup ({@link #SETUP}): in-context Parity(d, k) with x as ONE binary-coded token per example, embedded as
 * W·(2x − 1) ({@code task.parity.vector_input}), then c_1 … c_k as ordinary tokens; a 3-layer decoder (d = 64,
 * RoPE); training splits cover every index in every role ({@link org.lmlab.task.ParitySplit}). Runs: chain of
 * thought with each training-task count of the growth curve, and no chain of thought with the largest. Scored: the
 * query's final parity with the model's own CoT ({@link ParityEvaluator}).
 *
 * <p>Calibration (docs/papers/task-generalization.md has the table). What did not work: Parity(8, 2) with 14 of 28
 * training tasks in every layout tried — one token per bit (the paper's layout), index-aware bit tokens, x as one
 * lookup-table token, x as one binary-coded token — memorizes the 14 tasks (binary-coded, seed 1: training loss
 * 0.13 at 1,450 steps while held-out loss rose from 0.58 to 0.77); weight decay 0.5 did not help; per-bit
 * Parity(10, 2) with 30 tasks stayed at the task-marginal loss for 1,100 steps. What worked: many training tasks
 * relative to the subtasks (the paper's regime, Õ(d) of C(d, k)): binary-coded Parity(10, 2) with 36 of 45 tasks
 * keeps held-out loss with training loss (2,500 steps: 0.48 against 0.37, best 0.46) — but only half-learned.
 *
 * <p>Status: the row FAILS — the model learns the in-context search too slowly for the budget. Quick (1,000 steps,
 * ~9.5 min for the 4 runs at ~0.14 s per step), held-out with CoT for 9 / 18 / 36 training tasks and without CoT:
 * seed 1 0.496 / 0.541 / 0.590, 0.529 (training tasks 0.688 / 0.621 / 0.563: fewer tasks, more memorization);
 * seed 2 0.506 / 0.496 / 0.570, 0.479. The direction is the paper's (more tasks, less memorization, more held-out
 * accuracy); the level is not. The full run (2,000 steps, ~19 min) has not been run.
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

    // Full 2,000 steps: 4 runs × ~0.14 s per step ≈ 19 min, the row's budget; the 36-task calibration run's
    // held-out loss was best at ~1,750 steps.
    static final Setup SETUP = new Setup(10, 2, 20, new int[] {9, 18, 36}, 1000, 2000, 64);

    @Override
    public String name() {
        return "task-generalization";
    }

    @Override
    public String paper() {
        return "Task Generalization with AutoRegressive Compositional Structure (sparse parity, chain of thought)";
    }

    /** One trained configuration: training-task and held-out-task query accuracy. */
    record Result(int trainTasks, boolean cot, double trainAccuracy, double heldOutAccuracy, boolean fullCoverage) {}

    @Override
    public Verdict run(ReproContext ctx) throws Exception {
        long steps = ctx.quick() ? SETUP.quickSteps() : SETUP.fullSteps();
        List<Result> results = new ArrayList<>();
        for (int n : SETUP.taskCounts()) {
            results.add(train(ctx, n, true, steps));
        }
        results.add(train(ctx, SETUP.mainTasks(), false, steps));
        return TaskGeneralizationVerdict.judge(ctx, SETUP, results);
    }

    private Result train(ReproContext ctx, int trainTasks, boolean cot, long steps) throws Exception {
        ParitySpec spec = new ParitySpec(SETUP.bits(), SETUP.secretSize(), trainTasks, SETUP.examples(), cot, true);
        // init 0.1, not 0.02: at 0.02 the calibration runs sat at the task-marginal loss far longer.
        DecoderConfig model = new DecoderConfig(3, 64, 4, 3, 0, 128, Norm.Kind.RMSNORM, Mlp.Kind.SWIGLU,
                DecoderConfig.Position.ROPE, 10000, false, false, 1e-5, 0.1, DecoderConfig.AttentionImpl.AUTO, null,
                FeedForwardSpec.defaults(), MixerSpec.defaults());
        OptimConfig optim = new OptimConfig(OptimConfig.Kind.ADAMW, 1e-3, 0.9, 0.98, 1e-8, 0.0, 1.0,
                Schedule.Kind.COSINE, Math.max(1, steps / 20), 0.1, 0.2);
        TrainConfig train = new TrainConfig(steps, SETUP.batch(), 1, 0, 8, 0, 1, Math.max(1, steps / 4));
        String name = (cot ? "cot" : "no-cot") + "-tasks" + trainTasks;
        RunConfig c = new RunConfig(name, ctx.seed(), "cpu", Dtype.FLOAT32, model, optim,
                TaskConfig.sparseParity(spec), train);
        ctx.log("training %s (%d steps)", name, steps);
        SubRuns.Trained t = SubRuns.train(ctx, c);
        SparseParity task = (SparseParity) t.built().task();
        double trainAcc = ParityEvaluator.accuracy(t.built().model(), task, task.split().train(), 512, 128,
                ctx.seed(), t.built().device());
        double heldAcc = ParityEvaluator.accuracy(t.built().model(), task, task.split().heldOut(), 512, 128,
                ctx.seed() + 1, t.built().device());
        ctx.log("%s: query accuracy on training tasks %.3f, held-out tasks %.3f (split covers every role: %s)", name,
                trainAcc, heldAcc, task.split().fullCoverage());
        return new Result(trainTasks, cot, trainAcc, heldAcc, task.split().fullCoverage());
    }
}
