package dev.transformers4j.train.optim;

import dev.transformers4j.core.nn.LayerNorm;
import dev.transformers4j.core.nn.Module;
import dev.transformers4j.core.nn.Parameter;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Splits a model's trainable parameters into the two groups HF's Trainer builds: weight decay for the
 * weight matrices and embeddings, none for biases and LayerNorm weights ({@code get_parameter_names(model,
 * [LayerNorm])} minus names containing {@code "bias"}). A tied (shared) parameter appears once, under its
 * first name; parameters that do not {@linkplain Parameter#needsGrad() need a gradient} are left out.
 */
public final class ParameterGroups {

    private ParameterGroups() {
    }

    /** {@code [decay (λ = weightDecay), no_decay (λ = 0)]}, either possibly empty. */
    public static List<ParamGroup> withDecay(Module model, double weightDecay) {
        Set<String> noDecay = noDecayNames(model);
        Map<String, Parameter> decay = new LinkedHashMap<>();
        Map<String, Parameter> plain = new LinkedHashMap<>();
        trainable(model).forEach((name, p) -> (noDecay.contains(name) ? plain : decay).put(name, p));
        return List.of(new ParamGroup("decay", decay, weightDecay), new ParamGroup("no_decay", plain, 0.0));
    }

    /** One group holding every trainable parameter, all with the same decay. */
    public static List<ParamGroup> single(Module model, double weightDecay) {
        return List.of(new ParamGroup("all", trainable(model), weightDecay));
    }

    /** The trainable parameters by their first name, each shared tensor once. */
    public static Map<String, Parameter> trainable(Module model) {
        Map<String, Parameter> out = new LinkedHashMap<>();
        Map<Parameter, Boolean> seen = new IdentityHashMap<>();
        model.forEachParameter((name, p) -> {
            if (p.needsGrad() && seen.put(p, Boolean.TRUE) == null) {
                out.put(name, p);
            }
        });
        return out;
    }

    /** Names of biases and of every parameter that belongs to a {@link LayerNorm}. */
    static Set<String> noDecayNames(Module model) {
        Set<String> out = new HashSet<>();
        model.forEachParameter((name, p) -> {
            if (name.contains("bias")) {
                out.add(name);
            }
        });
        model.forEachModule((path, m) -> {
            if (m instanceof LayerNorm) {
                m.forEachParameter((name, p) -> out.add(path.isEmpty() ? name : path + "." + name));
            }
        });
        return out;
    }
}
