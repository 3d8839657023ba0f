package dev.transformers4j.models.io;

import dev.transformers4j.core.Tensor;
import dev.transformers4j.core.nn.Module;
import dev.transformers4j.core.nn.Parameter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves weights between a module tree and a weights file by name. A parameter's dotted path in the
 * tree is its checkpoint name; as HF does, a task model ({@code bert.} + base names) loads a bare base
 * checkpoint and vice versa, and old {@code LayerNorm.gamma/beta} names are accepted.
 */
public final class Checkpoint {

    /** The weights file of an HF folder. */
    public static final String SAFETENSORS = "model.safetensors";
    /** The weights file of an HF folder saved before safetensors (read when there is no model.safetensors). */
    public static final String PYTORCH_BIN = "pytorch_model.bin";

    private static final Logger LOG = LoggerFactory.getLogger(Checkpoint.class);

    private Checkpoint() {
    }

    /**
     * Opens the weights of an HF folder as {@code from_pretrained} finds them: {@code model.safetensors}, else
     * {@code pytorch_model.bin} (read without running its pickle, see {@link PyTorchCheckpoint}).
     *
     * @throws ModelFileException naming model.safetensors when the folder has neither file
     */
    public static WeightsFile open(Path dir) {
        return open(ModelFolder.of(dir));
    }

    /** Opens the weights {@link ModelFolder#weights()} found (see {@link #open(Path)}). */
    public static WeightsFile open(ModelFolder folder) {
        if (folder.weights().isEmpty()) {
            if (folder.weightsIndex() != null) {
                throw new ModelFileException(folder.weightsIndex(), "sharded checkpoints are not supported yet");
            }
            throw new ModelFileException(folder.dir().resolve(SAFETENSORS), "file not found");
        }
        Path file = folder.weights().get(0);
        if (file.getFileName().toString().equals(PYTORCH_BIN)) {
            LOG.info("{}: no {}, reading {}", folder.dir(), SAFETENSORS, PYTORCH_BIN);
            return PyTorchCheckpoint.open(file);
        }
        LOG.debug("reading {}", file);
        return SafeTensors.open(file);
    }

    /**
     * Loads every parameter of {@code model} from {@code file}.
     *
     * @param basePrefix the base model's prefix in task models ({@code "bert."}), or ""
     * @return the names of parameters the file does not have (left as they were)
     * @throws ModelFileException when a tensor has the wrong shape, naming the file and tensor
     */
    public static List<String> load(Module model, WeightsFile file, String basePrefix) {
        List<String> missing = new ArrayList<>();
        model.forEachParameter((name, p) -> {
            String stored = find(file, name, basePrefix);
            if (stored == null) {
                missing.add(name);
                return;
            }
            Tensor t = file.tensor(stored);
            try {
                p.set(stored, t);
            } catch (IllegalArgumentException e) {
                throw new ModelFileException(file.file(), "tensor '" + stored + "' does not fit the config: "
                        + e.getMessage());
            }
        });
        return missing;
    }

    /**
     * Loads every parameter of {@code model} and fails, naming the first missing tensor and its expected shape,
     * when the file lacks any.
     */
    public static void loadAll(Module model, WeightsFile file, String basePrefix) {
        requireNone(file.file(), model, load(model, file, basePrefix));
    }

    /** Fails when {@code missing} names any parameter: {@code tensor 'x' is missing (expected shape [..]) and 2 more}. */
    public static void requireNone(Path file, Module model, List<String> missing) {
        if (!missing.isEmpty()) {
            var p = model.namedParameters().get(missing.get(0));
            throw new ModelFileException(file, "tensor '" + missing.get(0) + "' is missing (expected shape "
                    + java.util.Arrays.toString(p.shape()) + ")"
                    + (missing.size() > 1 ? " and " + (missing.size() - 1) + " more" : ""));
        }
    }

    /** Writes every parameter (each shared tensor once, under its first name) to a safetensors file. */
    public static void save(Module model, Path file) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        IdentityHashMap<Parameter, Boolean> seen = new IdentityHashMap<>();
        model.forEachParameter((name, p) -> {
            if (seen.put(p, Boolean.TRUE) == null) {
                tensors.put(name, p.value());
            }
        });
        SafeTensors.write(file, tensors);
    }

    private static String find(WeightsFile file, String name, String basePrefix) {
        List<String> candidates = new ArrayList<>();
        candidates.add(name);
        if (!basePrefix.isEmpty()) {
            candidates.add(name.startsWith(basePrefix) ? name.substring(basePrefix.length()) : basePrefix + name);
        }
        for (String c : List.copyOf(candidates)) {
            if (c.endsWith("LayerNorm.weight")) {
                candidates.add(c.substring(0, c.length() - "weight".length()) + "gamma");
            } else if (c.endsWith("LayerNorm.bias")) {
                candidates.add(c.substring(0, c.length() - "bias".length()) + "beta");
            }
        }
        for (String c : candidates) {
            if (file.contains(c)) {
                return c;
            }
        }
        return null;
    }
}
