package dev.transformers4j.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code t4j bench} when the bench module is not on the classpath (it never is for the other commands: ONNX
 * Runtime and the benchmark classes load only for {@code ./t4j bench}, which builds and adds that module and then
 * finds the real command through {@link Main.Extension}). Says how to run the benchmarks.
 */
@Command(name = "bench", description = "Benchmarks, beside ONNX Runtime and PyTorch: embed, generate, gemm, elementwise, ops, "
        + "train, translate (run with ./t4j bench).")
final class BenchLauncherCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Unmatched
    List<String> args;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("t4j bench: the benchmarks are not on this classpath; run them with the"
                + " launcher, './t4j bench " + String.join(" ", args == null ? List.of("--help") : args).strip()
                + "', which builds the bench module and adds it");
        return 2;
    }
}
