package org.lmlab.repro;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmlab.run.Json;
import org.lmlab.tensor.Torch;
import org.lmlab.train.RunConfig;

/** Arms train on one thread each, say so in their provenance, and give the same numbers however many run at once. */
class ArmsTest {
    private static RunConfig tiny(String name, int seed) {
        return Arms.config(List.of("name=" + name, "seed=" + seed, "task.kind=markov-language", "task.vocab_size=16",
                "task.seq_len=16", "model.vocab_size=16", "model.d_model=16", "model.n_heads=2", "model.n_layers=1",
                "model.max_seq_len=16", "train.steps=4", "train.batch_size=2", "train.eval_every=0",
                "train.eval_batches=1"));
    }

    private static List<Arms.Trained> train(Path dir, int workers) throws Exception {
        ReproContext ctx = new ReproContext(1, true, dir, new PrintStream(OutputStream.nullOutputStream()));
        return Arms.train(ctx, List.of(tiny("a", 1), tiny("b", 2)), workers, p -> null);
    }

    @Test
    void oneThreadPerArmRecordedAndBudgetRestored(@TempDir Path dir) throws Exception {
        int budget = Torch.threads();
        List<Arms.Trained> together = train(dir.resolve("together"), 2);
        assertEquals(budget, Torch.threads(), "the thread budget is restored after the arms");
        for (String arm : new String[] {"a", "b"}) {
            Map<String, Object> provenance = Json.readMap(dir.resolve("together/runs").resolve(arm)
                    .resolve("provenance.json"));
            assertEquals("1", ((Map<?, ?>) provenance.get("libraries")).get("threads"), arm);
        }
        List<Arms.Trained> alone = train(dir.resolve("alone"), 1);
        for (int i = 0; i < 2; i++) {
            assertEquals(alone.get(i).evalLoss(), together.get(i).evalLoss(), 0.0,
                    "an arm's numbers do not depend on the arms beside it");
        }
    }
}
