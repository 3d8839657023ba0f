package dev.transformers4j.models.io;

import dev.transformers4j.core.Tensor;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A file of named weights, read one tensor at a time and converted to float32: {@code model.safetensors}
 * ({@link SafeTensors}) or {@code pytorch_model.bin} ({@link PyTorchCheckpoint}). Loading code sees only this.
 */
public interface WeightsFile extends AutoCloseable {

    /** The file this was read from. */
    Path file();

    /** Tensor names, in file order. */
    Set<String> names();

    /** True when the file has a tensor of this name. */
    default boolean contains(String name) {
        return names().contains(name);
    }

    /**
     * Reads one tensor, converted to float32.
     *
     * @throws ModelFileException when the file has no such tensor or cannot be read
     */
    Tensor tensor(String name);

    /** Reads every tensor (for small models and conversions). */
    default Map<String, Tensor> readAll() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (String name : names()) {
            out.put(name, tensor(name));
        }
        return out;
    }

    @Override
    void close();
}
