package dev.transformers4j.core.autograd;

import dev.transformers4j.core.Tensor;

/**
 * A recorded operation: the tensors it read and, for each of them, the rule that turns the gradient of
 * its output into the gradient of that input. A tensor produced by a recorded operation points to its node
 * ({@link Tensor#gradFn()}); following the inputs from the loss walks the graph backwards.
 *
 * @param op     the operation's name, for messages ({@code "matmul"})
 * @param inputs the inputs (null for an absent optional input such as a missing bias)
 * @param rules  {@code rules[i]} gives {@code ∂L/∂inputs[i]} from {@code ∂L/∂output}
 */
public record Node(String op, Tensor[] inputs, GradRule[] rules) {

    /** Whether input {@code i} is present and wants a gradient. */
    boolean wants(int i) {
        return inputs[i] != null && inputs[i].needsGrad();
    }
}
