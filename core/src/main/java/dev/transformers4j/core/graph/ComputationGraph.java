package dev.transformers4j.core.graph;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One recorded forward pass ({@link GraphRecorder}): every tensor operation in the order it ran, the module it
 * ran in, and which operation's result flowed into which.
 *
 * @param ops         the operations, {@code ops.get(i).id() == i}
 * @param flows       a result of one operation read by another, with its shape
 * @param moduleTypes every module's dotted name ({@code ""} for the root) → its class's simple name
 * @param containers  the names of modules that only hold others ({@code ModuleList}s such as {@code encoder.layer})
 */
public record ComputationGraph(List<Op> ops, List<Flow> flows, Map<String, String> moduleTypes,
                               Set<String> containers) {

    public ComputationGraph {
        ops = List.copyOf(ops);
        flows = List.copyOf(flows);
        moduleTypes = Map.copyOf(moduleTypes);
        containers = Set.copyOf(containers);
    }

    /**
     * One operation.
     *
     * @param name   the operation's name ({@code matmul}, {@code linear}, {@code scaleMaskSoftmax}, ...)
     * @param module the dotted name of the innermost module whose forward ran it ({@code ""} = the root)
     * @param shape  its result's shape
     */
    public record Op(int id, String name, String module, int[] shape) {
    }

    /** The result of operation {@code from}, of the given shape, read by operation {@code to}. */
    public record Flow(int from, int to, int[] shape) {
    }
}
