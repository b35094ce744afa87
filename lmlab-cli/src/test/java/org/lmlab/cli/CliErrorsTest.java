package org.lmlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input ends in one line on stderr and exit code 2 — never a stack trace. */
class CliErrorsTest {
    @TempDir
    Path tmp;

    private String[] run(String... args) {
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true));
        int code;
        try {
            code = Main.execute(args);
        } finally {
            System.setErr(oldErr);
        }
        return new String[] {String.valueOf(code), err.toString()};
    }

    @Test
    void unknownConfigKeyIsOneLineNamingTheKey() throws Exception {
        Path cfg = tmp.resolve("bad.yaml");
        Files.writeString(cfg, "model:\n  d_modle: 128\n");
        String[] r = run("train", cfg.toString(), "--runs", tmp.resolve("runs").toString());
        assertEquals("2", r[0]);
        assertTrue(r[1].contains("model.d_modle") && r[1].contains("d_model"), r[1]);
        assertEquals(1, r[1].strip().lines().count(), r[1]);
    }

    @Test
    void badOverrideValue() throws Exception {
        Path cfg = tmp.resolve("ok.yaml");
        Files.writeString(cfg, "name: x\n");
        String[] r = run("train", cfg.toString(), "optim.lr=fast", "--runs", tmp.resolve("runs").toString());
        assertEquals("2", r[0]);
        assertTrue(r[1].contains("optim.lr"), r[1]);
    }

    @Test
    void notARunDirectory() {
        String[] r = run("eval", tmp.toString());
        assertEquals("2", r[0]);
        assertTrue(r[1].contains("not a run directory"), r[1]);
    }

    @Test
    void reproListAndUnknownName() {
        assertEquals("0", run("repro", "--list")[0]);
        String[] r = run("repro", "nope");
        assertEquals("2", r[0]);
        assertTrue(r[1].contains("repro --list"), r[1]);
    }
}
