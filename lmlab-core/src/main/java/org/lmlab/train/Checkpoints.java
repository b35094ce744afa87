package org.lmlab.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.lmlab.config.BadInputException;
import org.lmlab.model.Decoder;
import org.lmlab.model.HfLlamaNames;
import org.lmlab.optim.Optimizer;
import org.lmlab.run.CheckpointDir;
import org.lmlab.run.HostTensor;
import org.lmlab.run.Json;
import org.lmlab.run.RunDir;
import org.lmlab.run.Safetensors;
import org.lmlab.tensor.Rng;

/**
 * Saves and loads {@code checkpoints/step-NNNNNN/}: {@code model.safetensors} (Hugging Face names for a
 * Llama-shaped model, with {@code config.json} beside it), {@code optimizer.safetensors} and {@code state.json}
 * (step, tokens, optimizer step count, RNG state). The directory is written under a temporary name and renamed
 * when complete, so a crash never leaves a half checkpoint; older checkpoints beyond {@code keep} are deleted
 * only after the new one is published.
 */
public final class Checkpoints {
    private static final int FORMAT = 1;

    private Checkpoints() {}

    public static Path save(RunDir run, TrainState state, Decoder model, Optimizer optimizer, int keep) {
        try (PointerScope scope = new PointerScope()) {
            LinkedHashMap<String, HostTensor> weights = new LinkedHashMap<>();
            HfLlamaNames.export(model).forEach((k, v) -> weights.put(k, TensorIO.toHost(v)));
            LinkedHashMap<String, HostTensor> opt = new LinkedHashMap<>();
            optimizer.exportState().forEach((k, v) -> opt.put(k, TensorIO.toHost(v)));
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("format", FORMAT);
            json.put("step", state.step());
            json.put("tokens", state.tokens());
            json.put("optimizer_steps", optimizer.steps());
            json.put("rng_state", Base64.getEncoder().encodeToString(Rng.state()));
            String dtype = weights.values().iterator().next().dtype().equals("F64") ? "float64" : "float32";
            CheckpointDir cp = run.writeCheckpoint(state.step(), dir -> {
                Safetensors.write(dir.resolve("model.safetensors"), weights, Map.of("format", "pt"));
                Safetensors.write(dir.resolve("optimizer.safetensors"), opt, Map.of());
                if (model.config().llamaShaped()) {
                    Json.writePretty(dir.resolve("config.json"), HfLlamaNames.configJson(model.config(), dtype));
                }
                Json.writePretty(dir.resolve("state.json"), json);
            });
            prune(run, keep);
            return cp.dir();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write checkpoint " + state.step() + " of " + run.dir(), e);
        }
    }

    /** Loads weights (and optimizer state and RNG, when an optimizer is given) from a checkpoint directory. */
    public static TrainState load(Path dir, Decoder model, Optimizer optimizer) {
        Path stateFile = dir.resolve("state.json");
        if (!Files.isRegularFile(stateFile)) {
            throw new BadInputException(dir + ": not a checkpoint (no state.json)");
        }
        try (PointerScope scope = new PointerScope()) {
            Map<String, Object> state = Json.readMap(stateFile);
            loadWeights(dir.resolve("model.safetensors"), model);
            if (optimizer != null) {
                Path optFile = dir.resolve("optimizer.safetensors");
                Map<String, Tensor> saved = new LinkedHashMap<>();
                Safetensors.read(optFile).tensors().forEach((k, v) -> saved.put(k, TensorIO.fromHost(v, optFile.toString())));
                try {
                    optimizer.importState(saved, ((Number) state.get("optimizer_steps")).longValue());
                } catch (IllegalArgumentException e) {
                    throw new BadInputException(optFile + ": " + e.getMessage());
                }
                Rng.restore(Base64.getDecoder().decode((String) state.get("rng_state")));
            }
            return new TrainState(((Number) state.get("step")).longValue(), ((Number) state.get("tokens")).longValue());
        } catch (IOException e) {
            throw new BadInputException(stateFile + ": " + e.getMessage());
        } catch (ClassCastException | NullPointerException e) {
            throw new BadInputException(stateFile + ": missing or malformed field (" + e.getMessage() + ")");
        }
    }

    /** Loads only the weights from a {@code model.safetensors}. */
    public static void loadWeights(Path file, Decoder model) {
        Map<String, Tensor> saved = new LinkedHashMap<>();
        try {
            Safetensors.read(file).tensors().forEach((k, v) -> saved.put(k, TensorIO.fromHost(v, file.toString())));
        } catch (IOException e) {
            throw new BadInputException(file + ": " + e.getMessage());
        }
        try {
            HfLlamaNames.load(model, saved, file.toString());
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    private static void prune(RunDir run, int keep) throws IOException {
        List<CheckpointDir> all = run.listCheckpoints();
        for (int i = 0; i < all.size() - keep; i++) {
            org.lmlab.run.AtomicFiles.deleteRecursively(all.get(i).dir());
        }
    }
}
