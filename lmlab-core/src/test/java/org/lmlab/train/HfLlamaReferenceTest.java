package org.lmlab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;
import org.lmlab.model.Decoder;
import org.lmlab.model.DecoderConfig;
import org.lmlab.nn.Mlp;
import org.lmlab.nn.Norm;
import org.lmlab.nn.Parameter;
import org.lmlab.nn.Role;
import org.lmlab.optim.Optimizer;
import org.lmlab.run.RunDir;
import org.lmlab.tensor.Dtype;
import org.lmlab.tensor.NoGrad;
import org.lmlab.tensor.Rng;
import org.lmlab.tensor.Tensors;
import org.lmlab.tensor.Torch;

/**
 * A saved Llama-shaped checkpoint gives the same logits in an independent implementation of transformers'
 * LlamaForCausalLM ({@code bench/hf_llama_forward.py}, Debian's python3-torch), reading only the Hugging Face
 * tensor names and {@code config.json}. This pins the export's names, the q/k/v and gate/up splits, the RoPE
 * layout (rotate-half) and theta, the norm epsilon and the tied head — everything transformers relies on.
 */
class HfLlamaReferenceTest {
    private static final String PYTHON = "/usr/bin/python3";

    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource({"false, 10000", "true, 500"})
    void logitsMatchAnIndependentLlamaForward(boolean tied, double theta) throws Exception {
        assumeTrue(pythonHasTorch(), PYTHON + " with torch is missing (apt-get install python3-torch; .ci/run does)");
        Torch.init();
        Rng.seed(5);
        DecoderConfig c = new DecoderConfig(61, 32, 4, 2, 0, 16, Norm.Kind.RMSNORM, Mlp.Kind.SWIGLU,
                DecoderConfig.Position.ROPE, theta, tied, false, 1e-5, 0.02, DecoderConfig.AttentionImpl.AUTO);
        assertTrue(c.llamaShaped());
        Decoder model = new Decoder(c);
        model.to(Dtype.FLOAT64, Fixtures.CPU);
        // Default init gives near-uniform logits and unit gains; large random weights make every term count.
        try (NoGrad g = NoGrad.enter()) {
            for (Parameter p : model.namedParameters().values()) {
                p.tensor().normal_(p.role() == Role.GAIN ? 1.0 : 0.0, p.role() == Role.GAIN ? 0.3 : 0.25, null);
            }
        }
        Optimizer opt = Fixtures.optim(1e-3).build(model.namedParameters());
        Path dir = Checkpoints.save(RunDir.create(tmp, "hf"), new TrainState(1, 0), model, opt, 1);

        long[] ids = {3, 17, 42, 0, 60, 5, 9, 9, 28, 1, 33};
        Tensor ours = model.forward(Tensors.longs(ids, 1, ids.length)).squeeze();
        JsonNode theirs = runReference(dir, ids);
        assertEquals(ids.length, theirs.size());
        double maxDiff = 0;
        double maxAbs = 0;
        double[] flat = Tensors.toDoubles(ours);
        for (int t = 0; t < ids.length; t++) {
            for (int v = 0; v < c.vocabSize(); v++) {
                double ref = theirs.get(t).get(v).asDouble();
                maxDiff = Math.max(maxDiff, Math.abs(ref - flat[t * c.vocabSize() + v]));
                maxAbs = Math.max(maxAbs, Math.abs(ref));
            }
        }
        assertTrue(maxAbs > 1, "logits are not trivially small: " + maxAbs);
        assertTrue(maxDiff < 1e-9 * Math.max(1, maxAbs), "max |Δlogit| " + maxDiff);
    }

    private JsonNode runReference(Path checkpoint, long[] ids) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(PYTHON, script().toString(), checkpoint.toString()));
        for (long id : ids) {
            cmd.add(Long.toString(id));
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(2, TimeUnit.MINUTES) && p.exitValue() == 0, "reference failed: " + out);
        return new ObjectMapper().readTree(out.lines().reduce((a, b) -> b).orElseThrow()).get("logits");
    }

    private static Path script() {
        // Surefire runs in the module directory; the script lives at the repository root.
        Path p = Path.of("..", "bench", "hf_llama_forward.py");
        assertTrue(Files.exists(p), p.toAbsolutePath() + " missing");
        return p;
    }

    private static boolean pythonHasTorch() {
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import torch").redirectErrorStream(true).start();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
