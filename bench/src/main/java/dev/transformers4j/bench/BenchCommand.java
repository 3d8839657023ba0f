package dev.transformers4j.bench;

import picocli.CommandLine.Command;

/** {@code t4j bench}: how fast our kernels and models run, beside ONNX Runtime in the same process. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks: a model against ONNX Runtime (embed), our matrix multiply (gemm), time per operation (ops).",
        subcommands = {EmbedBenchCommand.class, GenerateBenchCommand.class, GemmBenchCommand.class, OpsBenchCommand.class})
final class BenchCommand {
}
