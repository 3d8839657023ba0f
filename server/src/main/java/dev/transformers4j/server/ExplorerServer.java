package dev.transformers4j.server;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The web explorer: the page at {@code /} and the JSON API under {@code /api/} on the JDK's HTTP server.
 * {@link #start} returns once the port is bound; {@link #close} stops it.
 */
public final class ExplorerServer implements AutoCloseable {

    private static final int THREADS = 8;

    private final HttpServer http;
    private final ExecutorService executor;

    private ExplorerServer(HttpServer http, ExecutorService executor) {
        this.http = http;
        this.executor = executor;
    }

    /**
     * Checks the model folders, binds {@code host:port} and starts serving.
     *
     * @throws ExplorerServerException when a folder is not a model folder, or the address cannot be listened on
     */
    public static ExplorerServer start(ExplorerSettings settings) {
        ModelCatalog catalog = ModelCatalog.of(settings.modelDirs());
        InetSocketAddress address = new InetSocketAddress(settings.host(), settings.port());
        if (address.isUnresolved()) {
            throw new ExplorerServerException("--host " + settings.host() + ": unknown host");
        }
        HttpServer http;
        try {
            http = HttpServer.create(address, 0);
        } catch (IOException e) {
            throw new ExplorerServerException("cannot listen on " + settings.host() + ":" + settings.port() + ": "
                    + e.getMessage() + (settings.port() != 0 ? " (another port with --port, or --port 0 for any)" : ""), e);
        }
        AnalysisEndpoints analysis = new AnalysisEndpoints(catalog);
        http.createContext("/api/", new ApiRoutes()
                .get("/api/models", request -> Map.of("models", models(catalog)))
                .post("/api/tokenize", analysis::tokenize)
                .post("/api/attention", analysis::attention)
                .post("/api/hidden-states", analysis::hiddenStates)
                .post("/api/next-token", analysis::nextToken)
                .postStream("/api/generate", new GenerateEndpoint(catalog)));
        http.createContext("/", new StaticAssets());
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "t4j-serve");
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(executor);
        http.start();
        return new ExplorerServer(http, executor);
    }

    /** One model of {@code GET /api/models}. */
    record ModelInfo(String name, String source, String kind) {
    }

    /** {@code {"name", "source": "builtin"|"folder", "kind": "encoder"|"decoder"|"encoder-decoder"}} per model. */
    private static List<ModelInfo> models(ModelCatalog catalog) {
        return catalog.entries().stream().map(e -> new ModelInfo(e.name(), e.source(), e.kind().jsonName())).toList();
    }

    /** The port listened on (the one chosen when asked for port 0). */
    public int port() {
        return http.getAddress().getPort();
    }

    /** The page's address, e.g. {@code http://127.0.0.1:8080/}. */
    public URI url() {
        String host = http.getAddress().getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port() + "/");
    }

    /** Stops listening and ends the worker threads. */
    @Override
    public void close() {
        http.stop(0);
        executor.shutdownNow();
    }
}
