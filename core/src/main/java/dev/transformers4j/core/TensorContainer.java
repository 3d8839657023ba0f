package dev.transformers4j.core;

import java.util.function.Consumer;

/**
 * An object a forward pass returns that holds tensors: a model output record ({@code last_hidden_state},
 * {@code hidden_states}, {@code attentions}, …), a layer's output, an attention result. Listing them lets the
 * {@link Workspace} hand exactly those to the caller and reuse everything else the forward allocated.
 */
public interface TensorContainer {

    /** Calls {@code action} on every tensor this object holds (null fields may be passed or skipped). */
    void forEachTensor(Consumer<Tensor> action);
}
