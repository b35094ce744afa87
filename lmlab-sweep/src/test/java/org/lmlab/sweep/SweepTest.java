package org.lmlab.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmlab.config.BadInputException;
import org.lmlab.config.Configs;
import org.lmlab.run.Json;
import org.lmlab.runs.RunIndex;
import org.lmlab.runs.Table;
import org.lmlab.tensor.Torch;

/** Sweeps end to end on a tiny modular-addition model: results, resume, divergence, child processes. */
class SweepTest {
    @TempDir
    Path tmp;

    private Path base() throws Exception {
        Path f = tmp.resolve("base.yaml");
        Files.writeString(f, """
                name: base
                model: {d_model: 16, n_heads: 2, n_layers: 1, max_seq_len: 4}
                optim: {lr: 3.0e-3, warmup_steps: 2}
                task: {kind: modular-addition, modulus: 7, train_fraction: 0.8}
                train: {steps: 6, batch_size: 16, eval_every: 0, checkpoint_every: 3, log_every: 100}
                """);
        return f;
    }

    private SweepSpec spec(Strategy.Kind kind, List<String> lrs) {
        Map<String, List<String>> p = new LinkedHashMap<>();
        p.put("optim.lr", lrs);
        return Configs.withOverrides(SweepSpec.defaults(), List.of("name=s", "base=base.yaml",
                "strategy=" + kind.name().toLowerCase().replace('_', '-'))).withParameters(p);
    }

    @Test
    void gridRecordsEveryTrialIncludingDivergedOnesAndResumesWithoutRedoingWork() throws Exception {
        Torch.init();
        Path specFile = base().resolveSibling("sweep.yaml");
        SweepSpec s = spec(Strategy.Kind.GRID, List.of("1e-3", "3e-3", "1e30"));
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        Sweep.Outcome o = Sweep.run(s, specFile, tmp.resolve("runs"), new InProcessExecutor(), out);
        assertEquals(3, o.results().size());
        assertEquals(2, o.results().stream().filter(TrialResult::completed).count());
        TrialResult diverged = o.results().stream().filter(r -> !r.completed()).findFirst().orElseThrow();
        assertEquals("diverged", diverged.status(), diverged.reason());
        assertTrue(o.best() != null && Double.isFinite(o.best().metric()));
        assertTrue(Files.exists(o.dir().resolve("trials").resolve(o.best().id()).resolve("summary.json")));
        assertEquals(3L, ((Number) Json.readMap(o.dir().resolve("sweep.json")).get("trials")).longValue());

        Sweep.Outcome again = Sweep.run(s, specFile, tmp.resolve("runs"), new InProcessExecutor(), out);
        assertEquals(3, again.results().size(), "nothing is run twice");
        assertTrue(buf.toString(StandardCharsets.UTF_8).contains("resuming sweep s: 3 trials already finished"));
        assertEquals(3, Files.readAllLines(o.dir().resolve("trials.jsonl")).size());

        // The run index answers SQL over what the sweep left; the report ranks trials and draws their curves.
        try (RunIndex index = RunIndex.open(tmp.resolve("runs"))) {
            assertEquals(List.of(List.of(3L, 2L)), index.query(
                    "select count(*), count(metric) from trials").rows());
            assertEquals(List.of(List.of("diverged")), index.query(
                    "select status from runs where lr > 1 ").rows());
            assertEquals(2L, index.query("select count(distinct run) from metrics where split = 'val'").rows()
                    .get(0).get(0));
            Table cfg = index.query("select value from configs where key = 'task.modulus' limit 1");
            assertEquals("7", cfg.rows().get(0).get(0));
            assertThrows(BadInputException.class, () -> index.query("select nonsense from runs"));
        }
        SweepReport.write(o.dir());
        String report = Files.readString(o.dir().resolve("report.md"));
        assertTrue(report.contains("approximately optimal") && report.contains("diverged"), report);
        assertTrue(Files.size(o.dir().resolve("param-optim.lr.png")) > 1000);
        assertTrue(Files.exists(o.dir().resolve("trials").resolve(o.best().id()).resolve("loss.png")),
                "each run writes its own report and loss plot");

        SweepSpec changed = spec(Strategy.Kind.GRID, List.of("1e-3"));
        assertThrows(BadInputException.class,
                () -> Sweep.run(changed, specFile, tmp.resolve("runs"), new InProcessExecutor(), out));
    }

    @Test
    void badGridValueIsRejectedBeforeAnythingRuns() throws Exception {
        Path specFile = base().resolveSibling("sweep.yaml");
        SweepSpec s = spec(Strategy.Kind.GRID, List.of("1e-3", "fast"));
        BadInputException e = assertThrows(BadInputException.class, () -> Sweep.run(s, specFile, tmp.resolve("runs"),
                new InProcessExecutor(), System.out));
        assertTrue(e.getMessage().contains("parameters.optim.lr"), e.getMessage());
        assertTrue(!Files.exists(tmp.resolve("runs/sweeps/s/trials")));
    }

    @Test
    void localExecutorRunsTrialsAsParallelChildProcessesWithTheSameResults() throws Exception {
        Torch.init();
        Path specFile = base().resolveSibling("sweep.yaml");
        SweepSpec s = spec(Strategy.Kind.GRID, List.of("1e-3", "1e-2"));
        Sweep.Outcome inProcess = Sweep.run(s, specFile, tmp.resolve("a"), new InProcessExecutor(), System.out);
        Sweep.Outcome children;
        try (LocalExecutor ex = new LocalExecutor(2, 1)) {
            children = Sweep.run(s, specFile, tmp.resolve("b"), ex, System.out);
        }
        for (TrialResult r : inProcess.results()) {
            TrialResult c = children.results().stream().filter(x -> x.id().equals(r.id())).findFirst().orElseThrow();
            assertEquals("completed", c.status(), c.reason());
            // One thread each in the children; in-process threads may differ, so compare to float tolerance.
            assertEquals(r.metric(), c.metric(), 1e-4, r.id());
        }
    }

    @Test
    void concurrentInProcessSweepsGiveExactlyWhatEachGivesAlone() throws Exception {
        Torch.init();
        Path specFile = base().resolveSibling("sweep.yaml");
        List<SweepSpec> specs = List.of(
                spec(Strategy.Kind.GRID, List.of("1e-3", "3e-3")).withName("a"),
                spec(Strategy.Kind.GRID, List.of("2e-3", "5e-3")).withName("b"));
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        List<Sweep.Outcome> alone = new java.util.ArrayList<>();
        for (SweepSpec s : specs) {
            alone.add(Sweep.run(s, specFile, tmp.resolve("alone"), new InProcessExecutor(), quiet));
        }
        // Both sweeps at once on two threads: initial weights must not interleave in libtorch's global generator.
        List<java.util.concurrent.CompletableFuture<Sweep.Outcome>> together = specs.stream()
                .map(s -> java.util.concurrent.CompletableFuture.supplyAsync(
                        () -> Sweep.run(s, specFile, tmp.resolve("together"), new InProcessExecutor(), quiet)))
                .toList();
        for (int i = 0; i < specs.size(); i++) {
            Sweep.Outcome a = alone.get(i);
            Sweep.Outcome t = together.get(i).join();
            assertEquals(a.results().size(), t.results().size());
            for (TrialResult r : a.results()) {
                TrialResult c = t.results().stream().filter(x -> x.id().equals(r.id())).findFirst().orElseThrow();
                assertEquals(r.metric(), c.metric(), 0.0, r.id());
            }
        }
    }
}
