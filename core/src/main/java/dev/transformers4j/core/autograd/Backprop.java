package dev.transformers4j.core.autograd;

import dev.transformers4j.core.Shape;
import dev.transformers4j.core.Tensor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reverse-mode automatic differentiation: the chain rule applied to the recorded graph from the output
 * back to the leaves.
 *
 * <p>The recorded tensors are visited in reverse topological order, so a tensor's gradient is complete (the
 * sum over every operation that read it) before its own node passes it on. Leaves that need a gradient
 * (parameters) add theirs to {@link Tensor#grad()}: calling {@code backward} again accumulates, as in PyTorch.
 */
public final class Backprop {

    private Backprop() {
    }

    /** Propagates {@code seed = ∂L/∂root} through the graph that produced {@code root}. */
    public static void run(Tensor root, Tensor seed) {
        Shape.check("backward: gradient of the output", root.shape(), seed.shape());
        if (!root.needsGrad()) {
            throw new IllegalStateException("backward: the tensor does not need a gradient: no input of its graph "
                    + "requires grad (call requiresGrad(true) on the parameters) or it was computed under Grad.noGrad");
        }
        if (root.isLeaf()) {
            root.accumulateGrad(seed);
            return;
        }
        Map<Tensor, Tensor> grads = new IdentityHashMap<>();
        grads.put(root, seed);
        try (Grad.Scope off = Grad.disabled()) {
            for (Tensor t : topologicalOrder(root)) {
                Tensor g = grads.remove(t);
                if (g != null) {
                    propagate(t.gradFn(), g, grads);
                }
            }
        }
    }

    /** Applies each rule of {@code node} to {@code g} and hands the results to the node's inputs. */
    private static void propagate(Node node, Tensor g, Map<Tensor, Tensor> grads) {
        for (int i = 0; i < node.inputs().length; i++) {
            if (!node.wants(i)) {
                continue;
            }
            Tensor input = node.inputs()[i];
            Tensor gi = node.rules()[i].apply(g);
            Shape.check("backward of " + node.op() + ": gradient of input " + i, input.shape(), gi.shape());
            if (input.isLeaf()) {
                input.accumulateGrad(gi);
            } else {
                grads.merge(input, gi, Tensor::add);            // a tensor read twice: the gradients add up
            }
        }
    }

    /** The recorded (non-leaf) tensors reachable from {@code root}, each before the tensors it was computed from. */
    static List<Tensor> topologicalOrder(Tensor root) {
        List<Tensor> postOrder = new ArrayList<>();
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Tensor> stack = new ArrayDeque<>();
        Deque<Integer> next = new ArrayDeque<>();               // the next input to visit, per stack entry
        stack.push(root);
        next.push(0);
        seen.add(root);
        while (!stack.isEmpty()) {
            Tensor t = stack.peek();
            int i = next.pop();
            Tensor[] inputs = t.gradFn().inputs();
            if (i == inputs.length) {
                stack.pop();
                postOrder.add(t);
                continue;
            }
            next.push(i + 1);
            Tensor in = inputs[i];
            if (in != null && !in.isLeaf() && seen.add(in)) {
                stack.push(in);
                next.push(0);
            }
        }
        Collections.reverse(postOrder);
        return postOrder;
    }
}
