package dev.transformers4j.cli.inspect;

import dev.transformers4j.server.ExplorerServer;
import dev.transformers4j.server.ExplorerSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code t4j serve}: the web explorer and its JSON API, until the process is stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve the web explorer in a browser, and its JSON API under /api/ (see the README).",
                "Type a text, pick a model, see its tokens, attention heatmaps, hidden-state norms, next-token"
                        + " distribution and streamed generation.",
                "Listens on this machine only (127.0.0.1) unless --host says otherwise; stop it with Ctrl-C."})
public final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--host", defaultValue = ExplorerSettings.LOOPBACK,
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only).")
    String host;

    @Option(names = "--port", defaultValue = "8080", description = "Port (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int port;

    @Option(names = "--model", paramLabel = "DIR",
            description = "A model folder to offer beside the built-in models (GPT-2, BERT, Marian, t4j train output); repeatable.")
    List<Path> models = new ArrayList<>();

    @Override
    public Integer call() throws InterruptedException {
        ExplorerServer server = ExplorerServer.start(new ExplorerSettings(host, port, models));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        var out = spec.commandLine().getOut();
        out.println("t4j explorer: " + server.url() + "  (Ctrl-C stops it)");
        out.flush();
        stopped.await();
        return 0;
    }
}
