package org.lmlab.repro.gatedattention;

import java.util.ArrayList;
import java.util.List;
import org.lmlab.model.AttentionSpec;
import org.lmlab.probe.sinks.SinkProbe;
import org.lmlab.probe.sinks.SinkStats;
import org.lmlab.repro.Arms;
import org.lmlab.repro.Criterion;
import org.lmlab.repro.Reproduction;
import org.lmlab.repro.ReproContext;
import org.lmlab.repro.Verdict;
import org.lmlab.repro.sinks.BackcopySetting;
import org.lmlab.task.BigramBackcopy;

/**
 * Gated attention removes the attention sink (Qiu et al. 2025, "Gated Attention for Large Language Models:
 * Non-linearity, Sparsity, and Attention-Sink-Free", §4.3): a 1-layer model on bigram-backcopy grows a sink
 * (most of a dormant query's weight on BOS); with a G1 sigmoid gate after SDPA it does not, because the gate can
 * switch the head off directly; the gates are sparse and the loss does not suffer.
 *
 * <p>Arms: softmax baseline, G1 headwise, G1 elementwise — same seed, data and schedule
 * ({@link BackcopySetting}). Measured on held-out sequences with {@link SinkProbe}; "dormant" queries are the
 * non-trigger positions.
 */
public final class GatedAttentionRepro implements Reproduction {
    @Override
    public String name() {
        return "gated-attention";
    }

    @Override
    public String paper() {
        return "Gated Attention for Large Language Models: Non-linearity, Sparsity, and Attention-Sink-Free";
    }

    @Override
    public Verdict run(ReproContext ctx) throws Exception {
        AttentionSpec g = AttentionSpec.defaults();
        String[] names = {"softmax", "g1-headwise", "g1-elementwise"};
        AttentionSpec[] specs = {g, g.withGate(AttentionSpec.GatePosition.G1, AttentionSpec.GateGranularity.HEADWISE),
            g.withGate(AttentionSpec.GatePosition.G1, AttentionSpec.GateGranularity.ELEMENTWISE)};
        SinkStats[] stats = new SinkStats[3];
        double[] loss = new double[3];
        BackcopySetting.Result result = BackcopySetting.train(ctx, names, specs);
        List<Arms.Trained> arms = result.arms();
        for (int i = 0; i < 3; i++) {
            Arms.Trained arm = arms.get(i);
            BigramBackcopy task = (BigramBackcopy) arm.built().task();
            stats[i] = SinkProbe.measure(arm.built().model(), BackcopySetting.probeBatches(task), task::triggerMask,
                    arm.built().device());
            loss[i] = arm.evalLoss();
            ctx.log("%s: BOS mass %.3f (dormant queries), loss %.4f, mean gate %.3f", names[i],
                    stats[i].meanBosMass(), loss[i], SinkStats.mean(stats[i].gateMean()));
        }
        BackcopySetting.report(ctx, names, stats, loss);
        BackcopySetting.plotCurves(ctx, names, result.curves());
        double base = stats[0].meanBosMass();
        double hw = stats[1].meanBosMass();
        double ew = stats[2].meanBosMass();
        List<Criterion> c = new ArrayList<>();
        c.add(Criterion.atLeast("baseline BOS attention (dormant queries)", base, 0.5));
        c.add(Criterion.atMost("gated BOS attention, better of headwise/elementwise", Math.min(hw, ew), 0.2));
        c.add(Criterion.atMost("headwise BOS / baseline BOS", hw / base, 1.0 / 3));
        c.add(Criterion.atMost("elementwise BOS / baseline BOS", ew / base, 1.0 / 3));
        c.add(Criterion.atMost("headwise loss − baseline loss", loss[1] - loss[0], 0.02));
        c.add(Criterion.atMost("elementwise loss − baseline loss", loss[2] - loss[0], 0.02));
        c.add(Criterion.atMost("mean gate score (larger of the two gated arms)",
                Math.max(SinkStats.mean(stats[1].gateMean()), SinkStats.mean(stats[2].gateMean())), 0.3));
        return new Verdict(c);
    }
}
