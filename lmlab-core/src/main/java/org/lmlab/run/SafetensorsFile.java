package org.lmlab.run;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lmlab.config.BadInputException;

/**
 * The contents of a safetensors file: its string metadata and its tensors in file order. Tensors read by
 * {@link Safetensors#read} are views of the memory-mapped file, so reading is cheap even for large checkpoints.
 *
 * @param path     the file, named in error messages
 * @param metadata the {@code __metadata__} entries (empty if the file has none)
 * @param tensors  name → tensor, in data-offset order
 */
public record SafetensorsFile(Path path, Map<String, String> metadata, Map<String, HostTensor> tensors) {

    public SafetensorsFile {
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
    }

    /** The named tensor; a missing one is bad input (a checkpoint from another model), named with the file. */
    public HostTensor tensor(String name) {
        HostTensor t = tensors.get(name);
        if (t == null) {
            List<String> names = List.copyOf(tensors.keySet());
            String has = names.size() <= 12 ? String.join(", ", names)
                    : String.join(", ", names.subList(0, 12)) + ", … (" + names.size() + " in all)";
            throw new BadInputException(path + ": no tensor '" + name + "' (has: " + has + ")");
        }
        return t;
    }
}
