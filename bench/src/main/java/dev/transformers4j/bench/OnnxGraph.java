package dev.transformers4j.bench;

import dev.transformers4j.pipelines.BuiltinModel;
import dev.transformers4j.pipelines.BuiltinModels;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The ONNX file of the model under test, for ONNX Runtime.
 *
 * @param origin where it came from, for messages ({@code classpath:all-minilm-l6-v2.onnx} or a path)
 * @param bytes the serialized graph
 */
record OnnxGraph(String origin, byte[] bytes) {

    /** Where an HF folder may keep its ONNX export (the layout of the Hugging Face hub and of Optimum). */
    private static final List<String> FOLDER_CANDIDATES = List.of("model.onnx", "onnx/model.onnx");

    /**
     * The graph for a model argument: {@code --onnx FILE} when given; for a built-in model (by name, or its
     * converted folder) the ONNX resource it was converted from; else {@code model.onnx} or
     * {@code onnx/model.onnx} in the folder.
     *
     * @throws IllegalArgumentException when there is none, saying to pass {@code --onnx FILE}
     */
    static OnnxGraph find(String modelArg, Path folder, Path explicit) {
        if (explicit != null) {
            return file(explicit);
        }
        BuiltinModel builtin = BuiltinModels.find(modelArg);
        if (builtin == null) {
            builtin = BuiltinModels.ofFolder(folder);
        }
        if (builtin != null) {
            return resource(builtin);
        }
        for (String candidate : FOLDER_CANDIDATES) {
            Path p = folder.resolve(candidate);
            if (Files.isRegularFile(p)) {
                return file(p);
            }
        }
        throw new IllegalArgumentException("model folder " + folder + " has no ONNX file (looked for "
                + String.join(", ", FOLDER_CANDIDATES) + "); pass --onnx FILE with the same model exported to ONNX"
                + " to compare against ONNX Runtime");
    }

    private static OnnxGraph file(Path p) {
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException("--onnx " + p + ": no such file");
        }
        try {
            return new OnnxGraph(p.toString(), Files.readAllBytes(p));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p + ": " + e.getMessage(), e);
        }
    }

    private static OnnxGraph resource(BuiltinModel m) {
        try (InputStream in = OnnxGraph.class.getClassLoader().getResourceAsStream(m.onnxResource())) {
            if (in == null) {
                throw new IllegalStateException("built-in model '" + m.name() + "' needs the classpath resource '"
                        + m.onnxResource() + "' from the Maven artifact " + m.mavenArtifact());
            }
            return new OnnxGraph("classpath:" + m.onnxResource(), in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the resource " + m.onnxResource() + ": " + e.getMessage(), e);
        }
    }
}
