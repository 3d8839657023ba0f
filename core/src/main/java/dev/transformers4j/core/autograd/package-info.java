/**
 * Reverse-mode automatic differentiation.
 *
 * <p>Every differentiable operation of {@link dev.transformers4j.core.Tensor} (and of {@code core.nn}:
 * attention, cross-entropy) computes its output, then attaches its backward rule with
 * {@link dev.transformers4j.core.Tensor#derivedFrom}: one {@link dev.transformers4j.core.autograd.GradRule}
 * per input, a lambda that quotes the calculus ({@code ∂L/∂A = ∂L/∂C·Bᵀ}). The rule is recorded in a
 * {@link dev.transformers4j.core.autograd.Node} only when grad mode is on ({@link dev.transformers4j.core.autograd.Grad})
 * and an input needs a gradient, so inference pays one check per operation.
 *
 * <p>{@link dev.transformers4j.core.Tensor#backward()} hands the graph to {@link dev.transformers4j.core.autograd.Backprop},
 * which visits it in reverse topological order, sums the gradients of tensors read more than once (residual
 * connections, tied embeddings) and accumulates the leaves' gradients. The rules themselves are not here: each
 * sits beside its forward in the operation classes of {@code core} and in {@code core.nn}; this package holds only
 * the graph machinery. The matrix products of backward are ordinary {@code matmul} calls, so they run on the
 * selected kernels.
 */
package dev.transformers4j.core.autograd;
