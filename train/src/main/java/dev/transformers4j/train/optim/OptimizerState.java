package dev.transformers4j.train.optim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transformers4j.core.Tensor;
import dev.transformers4j.models.io.ConfigJson;
import dev.transformers4j.models.io.ModelFileException;
import dev.transformers4j.models.io.SafeTensors;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An optimizer's state, as PyTorch's {@code optimizer.state_dict()}: the number of updates each parameter has
 * had and its buffers, named {@code <parameter>.<buffer>} ({@code exp_avg}, {@code exp_avg_sq},
 * {@code momentum_buffer}). Saved as {@code optimizer.safetensors} (the buffers, float32, bit-exact) plus
 * {@code optimizer.json} (type, steps, hyper-parameters).
 *
 * @param type            the optimizer class ({@code "AdamW"}, {@code "SGD"})
 * @param steps           updates per parameter name
 * @param buffers         flat float buffers by {@code <parameter>.<buffer>}
 * @param hyperParameters for the record (learning rate, betas, ...)
 */
public record OptimizerState(String type, Map<String, Long> steps, Map<String, float[]> buffers,
                             Map<String, Double> hyperParameters) {

    public static final String TENSORS_FILE = "optimizer.safetensors";
    public static final String JSON_FILE = "optimizer.json";

    public OptimizerState {
        steps = Collections.unmodifiableMap(new LinkedHashMap<>(steps));
        buffers = Collections.unmodifiableMap(new LinkedHashMap<>(buffers));
        hyperParameters = Collections.unmodifiableMap(new LinkedHashMap<>(hyperParameters));
    }

    /** Writes the two files into {@code dir} (each atomically). */
    public void save(Path dir) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        buffers.forEach((name, b) -> tensors.put(name, Tensor.of(b, b.length)));
        SafeTensors.write(dir.resolve(TENSORS_FILE), tensors);
        ObjectNode json = ConfigJson.MAPPER.createObjectNode();
        json.put("type", type);
        hyperParameters.forEach(json.putObject("hyper_parameters")::put);
        ObjectNode s = json.putObject("steps");
        steps.forEach(s::put);
        ConfigJson.write(dir.resolve(JSON_FILE), json);
    }

    /**
     * Reads the files {@link #save} wrote.
     *
     * @throws ModelFileException naming the file when one is missing or malformed
     */
    public static OptimizerState load(Path dir) {
        Path jsonFile = dir.resolve(JSON_FILE);
        ObjectNode json = ConfigJson.readObject(jsonFile);
        if (!json.path("type").isTextual() || !json.path("steps").isObject()) {
            throw new ModelFileException(jsonFile, "expected fields 'type' (a string) and 'steps' (an object)");
        }
        Map<String, Long> steps = new LinkedHashMap<>();
        json.get("steps").properties().forEach(e -> steps.put(e.getKey(), e.getValue().asLong()));
        Map<String, Double> hyper = new LinkedHashMap<>();
        json.path("hyper_parameters").properties().forEach(e -> hyper.put(e.getKey(), e.getValue().asDouble()));
        Map<String, float[]> buffers = new LinkedHashMap<>();
        try (SafeTensors st = SafeTensors.open(dir.resolve(TENSORS_FILE))) {
            for (String name : st.names()) {
                buffers.put(name, st.tensor(name).toArray());
            }
        }
        return new OptimizerState(json.get("type").asText(), steps, buffers, hyper);
    }

    /** The buffer {@code <parameter>.<kind>}, or null. */
    public float[] buffer(String parameter, String kind) {
        return buffers.get(parameter + "." + kind);
    }
}
