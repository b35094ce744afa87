package org.lmlab.repro.pathattention;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.lmlab.model.AttentionSpec;
import org.lmlab.report.Plot;
import org.lmlab.repro.Arms;
import org.lmlab.repro.Criterion;
import org.lmlab.repro.Reproduction;
import org.lmlab.repro.ReproContext;
import org.lmlab.repro.Stats;
import org.lmlab.repro.Verdict;
import org.lmlab.task.FlipFlop;
import org.lmlab.train.RunConfig;

/**
 * PaTH beats RoPE on state tracking (Yang, Shen, Wen et al. 2025, "PaTH Attention: Position Encoding via
 * Accumulating Householder Transformations", §4.1, flip-flop language modeling of Liu et al. 2023): 2-layer
 * decoders (d = 32, 2 heads) trained on flip-flop at length 128 with p_ignore 0.8, then tested in distribution,
 * sparse (p_ignore 0.98: reads far from their write), dense (0.1) and at twice the length. PaTH should make
 * (almost) no read errors where RoPE's sparse errors are several times larger. RoPE varies by seed, so it runs
 * several seeds and is judged on its error rate pooled over them; PaTH's rate is judged by its 95% upper bound when
 * it makes no error.
 * Calibrated (brief): at length 64 RoPE also makes no sparse errors — reads 60 tokens from their write are in
 * distribution there — so training is at 128.
 */
public final class PathAttentionRepro implements Reproduction {
    private static final FlipFlop.Split[] SPLITS = FlipFlop.Split.values();
    /**
     * Init std of embeddings and projections: about PyTorch's default nn.Linear scale at d = 32 (1/√(3·32) ≈ 0.10),
     * as in the brief's calibration. With lmlab's 0.02 RoPE did not always learn the task in 1,500 steps (quick,
     * seed 3: in-distribution read errors 14–30% on all three RoPE seeds).
     */
    static final double INIT_STD = 0.1;
    /** A run has learned flip-flop when at most this share of in-distribution reads is wrong. */
    static final double LEARNED = 0.05;

    @Override
    public String name() {
        return "path-attention";
    }

    @Override
    public String paper() {
        return "PaTH Attention: Position Encoding via Accumulating Householder Transformations";
    }

    /**
     * RoPE trains 1,500 steps in both versions (fewer leave it short of the in-distribution task, and its sparse
     * errors would then prove nothing); PaTH learns the task within ~400, so the quick version gives it 500.
     */
    private static RunConfig config(ReproContext ctx, String name, long seed, boolean path) {
        long steps = path && ctx.quick() ? 500 : 1500;
        RunConfig c = Arms.config(List.of("name=" + name, "seed=" + seed, "model.d_model=32", "model.n_heads=2",
                "model.n_layers=2", "model.max_seq_len=256", "model.mlp=gelu", "model.d_ff=128",
                "model.init_std=" + INIT_STD,
                "model.position=" + (path ? "none" : "rope"), "optim.lr=3e-3", "optim.beta1=0.9", "optim.beta2=0.98",
                "optim.weight_decay=0.1", "optim.clip_norm=1.0", "optim.schedule=cosine",
                "optim.warmup_steps=" + steps / 20, "task.kind=flip-flop", "task.seq_len=128",
                "train.steps=" + steps, "train.batch_size=16", "train.eval_every=0", "train.eval_batches=8",
                "train.checkpoint_every=0", "train.keep_checkpoints=1", "train.log_every=" + steps / 4));
        return path ? c.withModel(c.model().withAttention(AttentionSpec.of(AttentionSpec.Kind.PATH))) : c;
    }

    @Override
    public Verdict run(ReproContext ctx) throws Exception {
        int ropeSeeds = ctx.quick() ? 3 : 5;
        List<RunConfig> configs = new ArrayList<>();
        configs.add(config(ctx, "path", ctx.seed(), true));
        for (int k = 0; k < ropeSeeds; k++) {
            configs.add(config(ctx, "rope-" + k, ctx.seed() + 1000L * k, false));
        }
        List<Arms.Trained> arms = Arms.train(ctx, configs);
        int sequences = ctx.quick() ? 2048 : 4096;
        // Sparse sequences hold ~0.6 reads each, so PaTH's zero-error 95% bound (3 / reads) sets the bar RoPE must
        // clear (5×). With as many sequences as the other splits the quick bar was 1.2% — above RoPE's pooled 0.86%
        // on seed 5 — so the sparse split gets 4× the sequences (bar ~0.3% quick, ~0.15% full; +4 s per model).
        int sparseSequences = 4 * sequences;
        ReadErrors[][] e = new ReadErrors[arms.size()][SPLITS.length];
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < arms.size(); i++) {
            Arms.Trained a = arms.get(i);
            FlipFlop task = (FlipFlop) a.built().task();
            List<String> row = new ArrayList<>(List.of(a.name()));
            for (int s = 0; s < SPLITS.length; s++) {
                int batch = SPLITS[s] == FlipFlop.Split.DOUBLE_LENGTH ? 32 : 64;
                e[i][s] = ReadErrors.count(a.built().model(), task.split(SPLITS[s], batch,
                        (SPLITS[s] == FlipFlop.Split.SPARSE ? sparseSequences : sequences) / batch),
                        a.built().device());
                row.add(String.format(Locale.ROOT, "%.3f%% (%d/%d)", 100 * e[i][s].rate(), e[i][s].errors(),
                        e[i][s].reads()));
            }
            ctx.log("%s: %s", a.name(), String.join("  ", row.subList(1, row.size())));
            rows.add(row);
        }
        List<String> header = new ArrayList<>(List.of("arm"));
        for (FlipFlop.Split s : SPLITS) {
            header.add(s.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " read error (errors/reads)");
        }
        ctx.report().heading(2, "Read error by split").table(header, rows);
        Plot bars = Plot.bars("Flip-flop read error", "split", "read error (%)");
        for (int i = 0; i < arms.size(); i++) {
            for (int s = 0; s < SPLITS.length; s++) {
                bars.bar(arms.get(i).name(), SPLITS[s].name().toLowerCase(Locale.ROOT), 100 * e[i][s].rate());
            }
        }
        bars.save(ctx.dir().resolve("read-error.png"));
        ctx.report().image("read error by split", "read-error.png");

        int in = FlipFlop.Split.IN_DISTRIBUTION.ordinal();
        int sparse = FlipFlop.Split.SPARSE.ordinal();
        double[] ropeSparse = new double[ropeSeeds];
        for (int k = 0; k < ropeSeeds; k++) {
            ropeSparse[k] = e[k + 1][sparse].rate();
        }
        Stats rope = Stats.of(ropeSparse);
        double pathBound = e[0][sparse].errors() == 0 ? e[0][sparse].upper95() : e[0][sparse].rate();
        double[] ropeIn = new double[ropeSeeds];
        for (int k = 0; k < ropeSeeds; k++) {
            ropeIn[k] = e[k + 1][in].rate();
        }
        List<Criterion> c = new ArrayList<>();
        // Validity: RoPE must have learned the task, or its sparse errors are just an untrained model's.
        c.add(Criterion.atMost("RoPE read error, in distribution (it learned the task)", ropeIn, LEARNED));
        c.add(Criterion.atMost("PaTH read error, in distribution (" + e[0][in].reads() + " reads)", e[0][in].rate(),
                0.01));
        c.add(Criterion.atMost("PaTH read error, sparse (" + e[0][sparse].reads() + " reads)", e[0][sparse].rate(),
                0.01));
        // RoPE's rate pooled over its seeds (all errors / all reads): its sparse errors are bimodal by seed — about one
        // run in four generalizes to sparse reads (0–0.4%) while the rest err 4–11% — so a median of three runs is a
        // coin flip, while the pooled rate estimates what RoPE does, as a mean over runs in the paper does.
        // Only runs that learned the task count (in-distribution error ≤ 5%; the criterion above makes them a
        // majority): an unlearned run's sparse errors say nothing about length generalization (seed 6: one RoPE run
        // kept 13.6% in-distribution errors and 39% sparse).
        long ropeErrors = 0;
        long ropeReads = 0;
        for (int k = 0; k < ropeSeeds; k++) {
            if (ropeIn[k] <= LEARNED) {
                ropeErrors += e[k + 1][sparse].errors();
                ropeReads += e[k + 1][sparse].reads();
            }
        }
        c.add(Criterion.atLeast("RoPE sparse error, pooled over its runs that learned the task, ≥ 5 × PaTH's (its 95% "
                + "bound if 0 errors)",
                ropeErrors / (double) ropeReads, 5 * pathBound).withSpread("per seed " + rope.spread()
                + "; vs 5 × " + String.format(Locale.ROOT, "%.4f", pathBound)));
        return new Verdict(c);
    }
}
