package org.lmlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny run trained with SAM from a config, then probed: the numbers come out, bad input is one line. */
class ProbeHessianCommandTest {
    @TempDir
    Path tmp;

    private String[] run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true));
        System.setErr(new PrintStream(err, true));
        int code;
        try {
            code = Main.execute(args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new String[] {String.valueOf(code), out.toString(), err.toString()};
    }

    @Test
    void probesARunTrainedWithSam() throws Exception {
        Path cfg = tmp.resolve("tiny.yaml");
        Files.writeString(cfg, """
                name: tiny
                model: {d_model: 16, n_heads: 2, n_layers: 1, max_seq_len: 8}
                optim: {sam: sam, rho: 0.05, lr: 1.0e-2, warmup_steps: 0}
                task: {kind: modular-addition, modulus: 7, train_fraction: 0.8}
                train: {steps: 4, batch_size: 8, eval_every: 0, eval_batches: 1, checkpoint_every: 0, log_every: 2}
                """);
        Path runs = tmp.resolve("runs");
        String[] trained = run("train", cfg.toString(), "--runs", runs.toString());
        assertEquals("0", trained[0], trained[2]);
        String[] r = run("probe", "hessian", runs.resolve("tiny").toString(), "--k", "2", "--lanczos-steps", "8",
                "--samples", "4", "--power-iters", "4", "--batch-size", "4");
        assertEquals("0", r[0], r[2]);
        double lambda = number(r[1], "lambda_max \\(power iteration, \\d+ products\\): (\\S+)");
        double top = number(r[1], "top-2 \\(Lanczos, \\d+ steps\\): (\\S+)");
        double trace = number(r[1], "trace \\(Hutchinson, 4 probes\\): (\\S+)");
        double cos = number(r[1], "\\|cos\\(grad, v1\\)\\| = (\\S+)");
        assertTrue(Double.isFinite(lambda) && Double.isFinite(trace) && cos >= 0 && cos <= 1 + 1e-9, r[1]);
        // Same start vector: the power iterate lies in the Krylov space Lanczos explores, so the top Ritz value bounds
        // its Rayleigh quotient from above.
        assertTrue(top >= lambda - 1e-3 * Math.abs(lambda), r[1]);
    }

    @Test
    void badInputIsOneLine() {
        String[] r = run("probe", "hessian", tmp.toString());
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("not a run directory"), r[2]);
        String[] k = run("probe", "hessian", tmp.toString(), "--k", "0");
        assertEquals("2", k[0]);
        assertEquals(1, k[2].strip().lines().count(), k[2]);
    }

    private static double number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), "no '" + regex + "' in:\n" + text);
        return Double.parseDouble(m.group(1));
    }
}
