package org.lmlab.repro.sinks;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.lmlab.model.AttentionSpec;
import org.lmlab.probe.sinks.SinkStats;
import org.lmlab.report.Plot;
import org.lmlab.repro.Arms;
import org.lmlab.repro.ReproContext;
import org.lmlab.task.Batch;
import org.lmlab.task.BigramBackcopy;
import org.lmlab.train.RunConfig;

/**
 * The calibrated sink-growing setting shared by the gated-attention and sinks rows: bigram-backcopy (64 tokens +
 * BOS, the 4 most frequent tokens as triggers, 3 successors, T = 16), a 1-layer pre-norm decoder (d = 32, 4 heads,
 * learned absolute positions, GELU MLP of 128), AdamW lr 1e-2 (β 0.9, 0.95), weight decay 0.01 for the sinks row and 0
 * for the gated-attention row (why: GatedAttentionRepro), clip 1, 5% warmup
 * then cosine, batch 16. Sinks form only with many small fast steps (the brief's calibration: longer sequences,
 * larger batches or lr 3e-3 gave none), so the full run takes 14,000 steps; the quick run 8,000.
 *
 * <p>Measured here (quick, seeds 1–5, baseline BOS mass on dormant queries): with random triggers and T = 32 the
 * sink was a lottery of the seed (0.77, 0.53, 0.26, 0.51, 0.19 — the trigger share ran from 1.6% to 16% of
 * positions over seeds 1–10); the most frequent tokens as triggers gave 0.99, 0.18, 0.83, 0.97, 0.94 at T = 32
 * and 1.00, 0.84, 0.96, 0.99, 0.96 at T = 16, in two thirds of the time. Weight decay 0.1 slowed the sink (0.15, 0.11
 * on seeds 3, 5 with random triggers, T = 32); windows cut from inside the chain, without BOS, gave no sink on the
 * first token (0.21). Lr 5e-3, weight decay 0.1, 25% warmup, d = 64, 1, 2 or 8 heads did not make the gated
 * arms' BOS mass reliable (see GatedAttentionRepro). Learned positions: seed 1 at 14k steps,
 * T = 32 gave BOS mass 0.94; RoPE gave 0.35 (weight decay 0.01), 0.30 (0.1), 0.25 (0) — the rotary encoding lets
 * heads find other low-norm no-ops.
 */
public final class BackcopySetting {
    private BackcopySetting() {}

    public static long steps(ReproContext ctx) {
        return ctx.quick() ? 8000 : 14000;
    }

    /** The sinks row's weight decay (lr-coupled, matrices only); the gated-attention row trains without it. */
    public static final double SINKS_WEIGHT_DECAY = 0.01;

    public static RunConfig config(ReproContext ctx, String name, AttentionSpec attention, double weightDecay) {
        long steps = steps(ctx);
        RunConfig c = Arms.config(List.of("name=" + name, "seed=" + ctx.seed(), "model.d_model=32", "model.n_heads=4",
                "model.n_layers=1", "model.max_seq_len=16", "model.position=learned", "model.mlp=gelu",
                "model.d_ff=128", "optim.lr=1e-2",
                "optim.beta1=0.9", "optim.beta2=0.95", "optim.weight_decay=" + weightDecay, "optim.clip_norm=1.0",
                "optim.schedule=cosine", "optim.warmup_steps=" + steps / 20, "task.kind=bigram-backcopy",
                "task.seq_len=16", "train.steps=" + steps, "train.batch_size=16", "train.eval_every=0",
                "train.eval_batches=32", "train.checkpoint_every=0", "train.keep_checkpoints=1",
                "train.log_every=" + steps / 4));
        return c.withModel(c.model().withAttention(attention));
    }

    /** The trained arms and, per arm, its BOS mass measured during training. */
    public record Result(List<Arms.Trained> arms, List<BosTrajectory> curves) {}

    /** Trains one arm per (name, attention) pair at this weight decay; results in the same order. */
    public static Result train(ReproContext ctx, String[] names, AttentionSpec[] attention, double weightDecay)
            throws Exception {
        List<RunConfig> configs = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            configs.add(config(ctx, names[i], attention[i], weightDecay));
        }
        List<BosTrajectory> curves = new ArrayList<>();
        List<Arms.Trained> arms = Arms.train(ctx, configs, p -> {
            BosTrajectory t = new BosTrajectory(p, steps(ctx) / 20);
            curves.add(t);
            return t;
        });
        return new Result(arms, curves);
    }

    /** The BOS-mass-during-training plot. */
    public static void plotCurves(ReproContext ctx, String[] names, List<BosTrajectory> curves) throws IOException {
        Plot p = Plot.lines("First-token attention during training (dormant queries)", "step", "mean A[i,0]");
        for (int i = 0; i < names.length; i++) {
            double[][] xy = curves.get(i).series();
            p.series(names[i], xy[0], xy[1]);
        }
        p.save(ctx.dir().resolve("bos-during-training.png"));
        ctx.report().image("BOS attention during training", "bos-during-training.png");
    }

    /** The held-out sequences the probes read: 512 of them. */
    public static List<Batch> probeBatches(BigramBackcopy task) {
        return task.evalBatches(64, 8);
    }

    /** Per-arm summary table, per-head table and the BOS-per-head bar chart, into the report. */
    public static void report(ReproContext ctx, String[] names, SinkStats[] stats, double[] loss) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        Plot bars = Plot.bars("First-token attention per head (dormant queries)", "layer.head", "mean A[i,0]");
        for (int i = 0; i < names.length; i++) {
            SinkStats s = stats[i];
            rows.add(List.of(names[i], f(s.meanBosMass()), f(SinkStats.mean(s.bosExcess())),
                    f(SinkStats.mean(s.valueDrain())), f(SinkStats.mean(s.dormantOutput())),
                    f(SinkStats.mean(s.gateMean())), f(SinkStats.mean(s.gateDormant())) + " / "
                    + f(SinkStats.mean(s.gateActive())), f(SinkStats.mean(s.sinkWeight())), f(s.maxActivation()),
                    f(loss[i])));
            for (int l = 0; l < s.bosMass().length; l++) {
                for (int h = 0; h < s.bosMass()[l].length; h++) {
                    bars.bar(names[i], l + "." + h, s.bosMass()[l][h]);
                }
            }
            ctx.out().print(names[i] + ":\n" + s.table());
        }
        ctx.report().heading(2, "Arms").table(List.of("arm", "BOS mass", "excess over uniform", "value drain",
                "dormant/active ‖z‖", "mean gate", "gate dormant / active queries", "sink weight", "max |h|",
                "held-out loss"), rows);
        bars.save(ctx.dir().resolve("bos-per-head.png"));
        ctx.report().image("BOS attention per head", "bos-per-head.png");
        for (int i = 0; i < names.length; i++) {
            ctx.report().heading(3, names[i] + " per head").paragraph("```\n" + stats[i].table() + "```");
        }
    }

    static String f(double v) {
        return Double.isNaN(v) ? "—" : String.format(Locale.ROOT, "%.4f", v);
    }
}
