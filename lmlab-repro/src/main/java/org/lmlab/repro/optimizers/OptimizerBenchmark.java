package org.lmlab.repro.optimizers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.lmlab.config.Configs;
import org.lmlab.model.Decoder;
import org.lmlab.nn.Role;
import org.lmlab.optim.OptimConfig;
import org.lmlab.probe.scaling.DataScalingFit;
import org.lmlab.repro.Criterion;
import org.lmlab.repro.ReproContext;
import org.lmlab.repro.Reproduction;
import org.lmlab.repro.Verdict;
import org.lmlab.run.AtomicFiles;
import org.lmlab.sweep.Sweep;
import org.lmlab.sweep.TrialResult;
import org.lmlab.task.MarkovLanguage;
import org.lmlab.tensor.Rng;
import org.lmlab.train.RunConfig;

/**
 * "Fantastic Pretraining Optimizers and Where to Find Them" (Wen, Hall, Ma, Liang 2025) at small scale.
 *
 * <p>Per size: every optimizer's learning rate is tuned on a grid at 1× Chinchilla data (20 tokens per
 * non-embedding parameter) under cosine decay; AdamW is tuned again at 2/4/8× and its law L(D) = α·D^(−B) + β
 * fitted to the tuned losses; each optimizer's speedup is D_eff/D read off that law. Criteria:
 * <ul>
 *   <li>P1 — under-tuned baselines inflate speedups: tuned AdamW measured against AdamW at ¼ of its tuned learning
 *       rate at each ratio (that baseline's own law fitted at 1/2/4/8×) shows a speedup ≥ 1.3 (smallest size);</li>
 *   <li>P2 — a ranking flip between 50% and 100% of training is found (margin above evaluation noise);</li>
 *   <li>P3 — the speedup table for every optimizer and size; Muon ≥ 1.0 at 1× at every size; the trend with size
 *       is reported, not gated.</li>
 * </ul>
 * Diverged runs are recorded as failed trials with their reason and count as worse than any finished one.
 */
public final class OptimizerBenchmark implements Reproduction {
    /** Flips smaller than this (nats) are within the evaluation noise of a 16k-token held-out set. */
    static final double FLIP_NOISE = 0.005;
    /**
     * Alphabet of the language. With V=64 the 4,096 order-2 contexts outnumber what a 33k-parameter model can hold
     * and every run sat on the unigram plateau (val loss 4.09 against a floor of 2.38 at 1×); with V=16 the 256
     * contexts are learnable, and 1× ends ~0.13 nats above the floor — room for optimizers to differ.
     */
    static final int VOCAB = 16;

    @Override
    public String name() {
        return "optimizer-benchmark";
    }

    @Override
    public String paper() {
        return "Fantastic Pretraining Optimizers and Where to Find Them";
    }

    @Override
    public Verdict run(ReproContext ctx) throws Exception {
        BenchmarkPlan plan = ctx.quick() ? BenchmarkPlan.quick() : BenchmarkPlan.full();
        RunConfig base = Configs.withOverrides(RunConfig.defaults(), List.of("name=ob", "seed=" + ctx.seed(),
                "task.kind=markov-language", "task.vocab_size=" + VOCAB, "task.seq_len=" + plan.seqLen(), "task.alpha=0.1",
                "model.max_seq_len=" + plan.seqLen(), "model.n_layers=2", "optim.schedule=cosine",
                "optim.warmup_steps=20", "optim.min_lr_ratio=0.1", "optim.clip_norm=1.0",
                "train.batch_size=" + plan.batchSize(), "train.eval_batches=8", "train.checkpoint_every=0",
                "train.keep_checkpoints=1", "train.log_every=1000000"));
        AtomicFiles.writeString(ctx.dir().resolve("base.yaml"), Configs.toYaml(base));
        MarkovLanguage lang = new MarkovLanguage(VOCAB, plan.seqLen(), 0.1, ctx.seed());
        ctx.log("%s", lang.describe());
        Trials trials = new Trials(ctx, plan.parallel());

        Results results = new Results(plan, lang.entropyFloor());
        for (int d : plan.widths()) {
            List<String> size = List.of("model.d_model=" + d, "model.n_heads=" + Math.max(1, d / 16));
            long n = nonEmbeddingParams(base, size);
            long steps1 = Math.max(40, (20 * n + plan.batchSize() * plan.seqLen() - 1) / (plan.batchSize() * plan.seqLen()));
            ctx.log("size d=%d: %d non-embedding parameters, 1x = %d steps of %d tokens", d, n, steps1,
                    plan.batchSize() * plan.seqLen());
            results.size(d, n, steps1);
            for (Map.Entry<String, List<Double>> o : plan.optimizers().entrySet()) {
                List<String> ov = new ArrayList<>(size);
                ov.addAll(tunedSettings(o.getKey()));
                ov.addAll(List.of("train.steps=" + steps1, "train.eval_every=" + steps1 / 2));
                Sweep.Outcome s = trials.grid("d" + d + "-" + o.getKey() + "-lr", ov,
                        Map.of("optim.lr", o.getValue().stream().map(String::valueOf).toList()));
                for (TrialResult r : s.results()) {
                    double mid = Trials.valLossAt(s.dir().resolve("trials").resolve(r.id()), steps1 / 2);
                    results.lrTrial(d, o.getKey(), Double.parseDouble(r.params().get("optim.lr")), r, mid);
                }
                ctx.log("d=%d %-9s best lr %s -> val loss %s", d, o.getKey(), results.bestLr(d, o.getKey()),
                        Criterion.format(results.bestLoss(d, o.getKey())));
            }
            // The paper re-tunes the learning rate at every data ratio (the optimum falls as data grows); a law
            // fitted to the 1x-tuned lr at 8x would flatter every other optimizer.
            Map<Integer, Double> tunedLoss = new LinkedHashMap<>();
            Map<Integer, Double> tunedLr = new LinkedHashMap<>();
            tunedLoss.put(1, results.bestLoss(d, BenchmarkPlan.BASELINE));
            tunedLr.put(1, results.bestLr(d, BenchmarkPlan.BASELINE));
            for (int r : plan.ratios()) {
                if (r == 1) {
                    continue;
                }
                List<String> adamw = new ArrayList<>(size);
                adamw.addAll(tunedSettings(BenchmarkPlan.BASELINE));
                Sweep.Outcome s = trials.grid("d" + d + "-adamw-" + r + "x", concat(adamw,
                        "train.steps=" + steps1 * r, "train.eval_every=0"),
                        Map.of("optim.lr", plan.optimizers().get(BenchmarkPlan.BASELINE).stream()
                                .map(String::valueOf).toList()));
                tunedLoss.put(r, s.best() == null ? Double.NaN : s.best().metric());
                tunedLr.put(r, s.best() == null ? Double.NaN : Double.parseDouble(s.best().params().get("optim.lr")));
                ctx.log("d=%d adamw at %dx: best lr %s -> val loss %s", d, r, tunedLr.get(r),
                        Criterion.format(tunedLoss.get(r)));
            }
            results.scaling(d, "tuned", tunedLoss);
            if (d == plan.widths().get(0)) {
                Map<Integer, Double> quarter = new LinkedHashMap<>();
                for (int r : plan.ratios()) {
                    List<String> adamw = new ArrayList<>(size);
                    adamw.addAll(tunedSettings(BenchmarkPlan.BASELINE));
                    Sweep.Outcome s = trials.grid("d" + d + "-adamw-quarter-" + r + "x", concat(adamw,
                            "train.steps=" + steps1 * r, "train.eval_every=0"),
                            Map.of("optim.lr", List.of(String.valueOf(tunedLr.get(r) / 4))));
                    quarter.put(r, s.best() == null ? Double.NaN : s.best().metric());
                }
                results.scaling(d, "quarter", quarter);
            }
        }
        return results.judge(ctx);
    }

    /**
     * The optimizer's own recommended settings (betas, ε, weight decay, momentum, …: OptimConfig.defaults(kind)) as
     * overrides, so each optimizer runs at its brief defaults and only the learning rate is swept. The schedule,
     * warmup and clipping stay the benchmark's, shared by all.
     */
    static List<String> tunedSettings(String kind) {
        OptimConfig.Kind k = Configs.withOverrides(OptimConfig.defaults(), List.of("kind=" + kind)).kind();
        com.fasterxml.jackson.databind.JsonNode tree = Configs.toTree(OptimConfig.defaults(k));
        List<String> out = new ArrayList<>();
        java.util.Set<String> shared = java.util.Set.of("lr", "schedule", "warmup_steps", "min_lr_ratio",
                "decay_fraction", "clip_norm", "sam", "rho");
        tree.fields().forEachRemaining(e -> {
            if (!shared.contains(e.getKey())) {
                out.add("optim." + e.getKey() + "=" + e.getValue().asText());
            }
        });
        return out;
    }

    private static long nonEmbeddingParams(RunConfig base, List<String> size) {
        RunConfig c = Configs.withOverrides(base, size);
        Rng.seed(0);
        Decoder m = new Decoder(c.model().withVocabSize(VOCAB).withMaxSeqLen(c.task().seqLen()));
        return m.parameterCount(Role.MATRIX, Role.GAIN, Role.BIAS);
    }

    static List<String> concat(List<String> a, String... more) {
        List<String> out = new ArrayList<>(a);
        out.addAll(List.of(more));
        return out;
    }

    static String fmt(double v) {
        return Double.isNaN(v) ? "undefined" : String.format(Locale.ROOT, "%.3f", v);
    }
}
