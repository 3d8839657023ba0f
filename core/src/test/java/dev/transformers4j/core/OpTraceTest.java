package dev.transformers4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.transformers4j.core.autograd.Grad;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Operations are reported to a trace whether or not gradients are recorded, and only inside {@link OpTrace#run}. */
class OpTraceTest {

    @Test
    void everyOperationIsReportedWithItsShapesOnlyWhileTracing() {
        Tensor a = Tensor.full(1f, 2, 3);
        Tensor b = Tensor.full(2f, 3, 4).requiresGrad(true);
        List<String> seen = new ArrayList<>();
        OpListener log = (op, out, x, y, z) -> seen.add(op + " " + Arrays.toString(out.shape()) + " <- "
                + Arrays.toString(x.shape()) + (y == null ? "" : " " + Arrays.toString(y.shape())));
        OpTrace.run(log, () -> Grad.noGrad(() -> a.matmul(b).transpose(0, 1).softmax()));
        OpTrace.run(log, () -> a.matmul(b));                                        // recording gradients
        a.matmul(b);                                                                 // not tracing
        assertThat(seen).containsExactly(
                "matmul [2, 4] <- [2, 3] [3, 4]",
                "permute [4, 2] <- [2, 4]",
                "softmax [4, 2] <- [4, 2]",
                "matmul [2, 4] <- [2, 3] [3, 4]");
    }
}
