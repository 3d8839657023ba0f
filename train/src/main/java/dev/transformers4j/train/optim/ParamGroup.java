package dev.transformers4j.train.optim;

import dev.transformers4j.core.nn.Parameter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parameters that share a weight decay, as a PyTorch parameter group. Every group of an {@link Optimizer}
 * uses the optimizer's one learning rate (HF's Trainer gives both of its groups the same rate).
 *
 * @param name        a label for logs and checkpoints ({@code "decay"}, {@code "no_decay"})
 * @param parameters  the parameters by their checkpoint name, in model order
 * @param weightDecay the decay coefficient λ ≥ 0 of this group
 */
public record ParamGroup(String name, Map<String, Parameter> parameters, double weightDecay) {

    public ParamGroup {
        if (!(weightDecay >= 0)) {
            throw new IllegalArgumentException("weight_decay of group '" + name + "': expected >= 0 but was "
                    + weightDecay);
        }
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }
}
