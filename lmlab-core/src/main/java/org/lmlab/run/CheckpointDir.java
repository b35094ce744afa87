package org.lmlab.run;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * One checkpoint of a run: {@code checkpoints/step-NNNNNN/} holding the model weights, the optimizer state and
 * {@code state.json}. The state file is written last, so its presence is what makes a checkpoint complete.
 *
 * @param step the optimizer step the checkpoint was taken after
 * @param dir  the checkpoint directory
 */
public record CheckpointDir(long step, Path dir) {
    public static final String MODEL = "model.safetensors";
    public static final String OPTIMIZER = "optimizer.safetensors";
    public static final String STATE = "state.json";

    public Path modelFile() {
        return dir.resolve(MODEL);
    }

    public Path optimizerFile() {
        return dir.resolve(OPTIMIZER);
    }

    public Path stateFile() {
        return dir.resolve(STATE);
    }

    /** True when {@code state.json} is present — the marker that every other file was written before it. */
    public boolean isComplete() {
        return Files.isRegularFile(stateFile(), LinkOption.NOFOLLOW_LINKS);
    }
}
