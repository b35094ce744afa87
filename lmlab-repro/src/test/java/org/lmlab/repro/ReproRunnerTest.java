package org.lmlab.repro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmlab.run.Json;

class ReproRunnerTest {
    /** Passes or fails on what it "measures": the seed, so both outcomes are exercised. */
    private static final class SeedParity implements Reproduction {
        public String name() {
            return "seed-parity";
        }

        public String paper() {
            return "A test double";
        }

        public Verdict run(ReproContext ctx) throws Exception {
            ctx.log("measuring seed %d", ctx.seed());
            Files.writeString(ctx.dir().resolve("extra.txt"), "x");
            ctx.report().paragraph("Body text.");
            return Verdict.of(Criterion.atMost("seed is even: seed mod 2", ctx.seed() % 2, 0),
                    Criterion.atLeast("median of runs", new double[] {1, 3, 2}, 2));
        }
    }

    @Test
    void writesTheContractFilesAndJudgesEveryCriterion(@TempDir Path runs) throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        ReproRunner.Outcome pass = ReproRunner.run(new SeedParity(), 4, true, runs, out);
        assertTrue(pass.verdict().passed());
        assertEquals(runs.resolve("repro/seed-parity-seed4-quick"), pass.dir());
        for (String f : new String[] {"report.md", "verdict.json", "provenance.json", "extra.txt"}) {
            assertTrue(Files.exists(pass.dir().resolve(f)), f);
        }
        String console = buf.toString(StandardCharsets.UTF_8);
        assertTrue(console.contains("min 1, max 3 (3 runs)"), console);
        assertTrue(console.contains("PASS"), console);
        assertTrue(Files.readString(pass.dir().resolve("report.md")).contains("Body text."));
        assertEquals(true, Json.readMap(pass.dir().resolve("verdict.json")).get("passed"));

        ReproRunner.Outcome fail = ReproRunner.run(new SeedParity(), 5, false, runs, out);
        assertFalse(fail.verdict().passed());
        assertEquals(runs.resolve("repro/seed-parity-seed5"), fail.dir());
        assertTrue(buf.toString(StandardCharsets.UTF_8).contains("FAIL"));
    }

    @Test
    void nanNeverPasses() {
        assertFalse(Criterion.atLeast("x", Double.NaN, 0).pass());
        assertFalse(Criterion.atMost("x", Double.NaN, 0).pass());
        assertEquals("0.3333", Criterion.format(1.0 / 3));
        assertEquals("1.235e-05", Criterion.format(1.2345e-5));
    }
}
