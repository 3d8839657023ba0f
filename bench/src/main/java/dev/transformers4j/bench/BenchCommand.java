package dev.transformers4j.bench;

import picocli.CommandLine.Command;

/** {@code t4j bench}: how fast our kernels and models run, beside ONNX Runtime in the same process. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks: a model against ONNX Runtime (embed), decoding (generate), our matrix multiply (gemm), "
                + "element-wise kernels (elementwise), time per operation (ops), training (train, translate).",
        subcommands = {EmbedBenchCommand.class, GenerateBenchCommand.class, GemmBenchCommand.class,
                ElementwiseBenchCommand.class, OpsBenchCommand.class, TrainBenchCommand.class, TranslateBenchCommand.class})
final class BenchCommand {
}
