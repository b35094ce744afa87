package org.lmlab.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lmlab.model.Decoder;
import org.lmlab.run.Json;
import org.lmlab.run.RunDir;
import org.lmlab.tensor.Tensors;
import org.lmlab.tensor.Torch;

/**
 * A checkpoint written by an earlier version (committed under {@code src/test/resources/golden/}) still loads,
 * gives the logits recorded with it, and resumes to the recorded next-step losses (to 1e-5: thread counts may
 * reorder float sums): the on-disk format (names,
 * dtypes, optimizer state keys, RNG state) stays readable as the code changes.
 *
 * <p>To regenerate after a deliberate format change (and say so in the commit):
 * {@code mvn -pl lmlab-core test -Dtest=GoldenCheckpointTest -Dlmlab.writeGolden=src/test/resources/golden}.
 */
class GoldenCheckpointTest {
    private static final long[] IDS = {3, 7, 23};
    private static final int P = 23;

    @TempDir
    Path tmp;

    @Test
    void checkpointFromAnEarlierVersionLoadsAndResumes() throws Exception {
        String target = System.getProperty("lmlab.writeGolden");
        if (target != null) {
            write(Path.of(target));
        }
        Path golden = Path.of("src/test/resources/golden");
        Map<String, Object> expected = Json.readMap(golden.resolve("expected.json"));

        Torch.init();
        Trainer t = Fixtures.trainer(tmp.resolve("resumed"), Fixtures.loop(6, 100), P);
        Path cp = RunDir.open(tmp.resolve("resumed")).checkpointsDir().resolve("step-000003");
        copyDir(golden.resolve("step-000003"), cp);
        t.resume();
        assertEquals(3, t.step());
        Decoder model = modelOf(t);
        assertArrayEquals(doubles(expected.get("logits")), Tensors.toDoubles(model.forward(Tensors.longs(IDS, 1, 3))),
                1e-5, "logits of the golden checkpoint");
        List<Double> losses = new java.util.ArrayList<>();
        t.listen(new Listener() {
            @Override
            public void onStep(StepInfo info) {
                losses.add(info.loss());
            }
        });
        t.run();
        assertArrayEquals(doubles(expected.get("losses_after_resume")),
                losses.stream().mapToDouble(Double::doubleValue).toArray(), 1e-5, "resumed losses");
    }

    /** Writes the fixture: 3 steps, checkpoint, logits, and the losses of steps 4–6. */
    private void write(Path dir) throws Exception {
        Torch.init();
        Trainer t = Fixtures.trainer(tmp.resolve("gen"), Fixtures.loop(6, 3), P);
        List<Double> losses = new java.util.ArrayList<>();
        t.listen(new Listener() {
            @Override
            public void onStep(StepInfo info) {
                if (info.step() > 3) {
                    losses.add(info.loss());
                }
            }
        });
        t.runUntil(3);
        double[] logits = Tensors.toDoubles(modelOf(t).forward(Tensors.longs(IDS, 1, 3)));
        t.run();
        copyDir(RunDir.open(tmp.resolve("gen")).checkpointsDir().resolve("step-000003"), dir.resolve("step-000003"));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("logits", logits);
        json.put("losses_after_resume", losses);
        Json.writePretty(dir.resolve("expected.json"), json);
    }

    private static void copyDir(Path from, Path to) throws Exception {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static double[] doubles(Object list) {
        return ((List<?>) list).stream().mapToDouble(x -> ((Number) x).doubleValue()).toArray();
    }

    private static Decoder modelOf(Trainer t) throws Exception {
        var f = Trainer.class.getDeclaredField("model");
        f.setAccessible(true);
        return (Decoder) f.get(t);
    }
}
