package org.lmlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmlab.model.Decoder;
import org.lmlab.run.MetricsLog;
import org.lmlab.run.RunDir;
import org.lmlab.tensor.Tensors;

/** A run interrupted at a checkpoint and resumed equals the uninterrupted run to the last bit. */
class ResumeTest {
    @TempDir
    Path tmp;

    @Test
    void resumeReproducesTheUninterruptedRunBitForBit() throws Exception {
        TrainConfig tc = Fixtures.loop(24, 10);
        Trainer straight = Fixtures.trainer(tmp.resolve("a"), tc, 13);
        straight.run();
        Trainer first = Fixtures.trainer(tmp.resolve("b"), tc, 13);
        first.runUntil(13); // "killed" at step 13: checkpoint 10 is the newest complete one
        Trainer resumed = Fixtures.trainer(tmp.resolve("b"), tc, 13).resume();
        assertEquals(10, resumed.step());
        resumed.run();

        Path a = RunDir.open(tmp.resolve("a")).latestCheckpoint().orElseThrow().dir();
        Path b = RunDir.open(tmp.resolve("b")).latestCheckpoint().orElseThrow().dir();
        assertEquals(24, RunDir.open(tmp.resolve("b")).latestCheckpoint().orElseThrow().step());
        Decoder ma = new Decoder(Fixtures.tinyModel(14));
        Decoder mb = new Decoder(Fixtures.tinyModel(14));
        Checkpoints.load(a, ma, null);
        Checkpoints.load(b, mb, null);
        for (Map.Entry<String, org.lmlab.nn.Parameter> e : ma.namedParameters().entrySet()) {
            assertTrue(e.getValue().tensor().equal(mb.namedParameters().get(e.getKey()).tensor()),
                    e.getKey() + " differs after resume");
        }
        List<Map<String, Object>> la = MetricsLog.read(tmp.resolve("a").resolve("metrics.jsonl"));
        List<Map<String, Object>> lb = MetricsLog.read(tmp.resolve("b").resolve("metrics.jsonl"));
        assertEquals(losses(la), losses(lb), "per-step losses, including the resumed steps, are identical");
        assertEquals(24, losses(lb).size(), "rows logged after the checkpoint by the killed run were dropped");
    }

    private static List<Object> losses(List<Map<String, Object>> rows) {
        return rows.stream().filter(r -> "train".equals(r.get("split"))).map(r -> r.get("loss")).toList();
    }

    @Test
    void checkpointRoundTripRestoresWeightsAndOptimizerState() throws Exception {
        Trainer t = Fixtures.trainer(tmp.resolve("c"), Fixtures.loop(6, 6), 7);
        t.run();
        Path cp = RunDir.open(tmp.resolve("c")).latestCheckpoint().orElseThrow().dir();
        Decoder m = new Decoder(Fixtures.tinyModel(8));
        org.lmlab.optim.Optimizer opt = Fixtures.optim(3e-3).build(m.namedParameters());
        TrainState s = Checkpoints.load(cp, m, opt);
        assertEquals(6, s.step());
        assertEquals(6, opt.steps());
        double norm = 0;
        for (var v : opt.exportState().values()) {
            norm += Tensors.item(v.abs().sum());
        }
        assertTrue(norm > 0, "optimizer moments restored, not zeros");
    }
}
