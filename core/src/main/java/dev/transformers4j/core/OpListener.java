package dev.transformers4j.core;

/**
 * Told about every tensor operation of one thread while it runs under {@link OpTrace#run}: the operation's name
 * (the one its autograd node carries: {@code matmul}, {@code linear}, {@code scaleMaskSoftmax}, ...), its
 * output and its tensor inputs (null where an optional input was absent). It is told whether or not gradients
 * are being recorded.
 */
@FunctionalInterface
public interface OpListener {

    void op(String name, Tensor output, Tensor a, Tensor b, Tensor c);
}
