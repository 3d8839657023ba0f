package dev.transformers4j.pipelines;

import dev.transformers4j.onnx.BuiltinModels;
import java.nio.file.Path;

/** Turns what a user typed after {@code --model} into an HF folder: a built-in model name or a path. */
public final class ModelResolver {

    private ModelResolver() {
    }

    /**
     * A folder with {@code config.json}: the path itself, or a built-in model converted once into the cache
     * ({@code T4J_HOME}).
     */
    public static Path resolve(String nameOrPath) {
        return BuiltinModels.resolve(nameOrPath);
    }
}
