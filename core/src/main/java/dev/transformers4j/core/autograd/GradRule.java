package dev.transformers4j.core.autograd;

import dev.transformers4j.core.Tensor;

/**
 * One backward rule of a recorded operation: the gradient with respect to one input, {@code ∂L/∂input},
 * computed from the gradient with respect to the output, {@code ∂L/∂output} (the chain rule). It must
 * return a tensor of the input's shape. Rules run with recording off.
 */
@FunctionalInterface
public interface GradRule {

    Tensor apply(Tensor gradOutput);
}
