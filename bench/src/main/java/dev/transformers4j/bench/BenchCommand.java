package dev.transformers4j.bench;

import picocli.CommandLine.Command;

/** {@code t4j bench}: how fast our kernels and models run, beside ONNX Runtime in the same process. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks: a model against ONNX Runtime (embed), decoding (generate), our matrix multiply (gemm), time per operation (ops), training (train).",
        subcommands = {EmbedBenchCommand.class, GenerateBenchCommand.class, GemmBenchCommand.class, OpsBenchCommand.class,
                TrainBenchCommand.class, TranslateBenchCommand.class})
final class BenchCommand {
}
